#!/usr/bin/env python3
"""Generate the raw seeds and load.sql for the Harbourline Insurance suite.

Standard library only, one fixed seed: every run writes byte-identical files.

    python3 gen_seeds.py            # writes seeds/raw_*.csv and load.sql next to this file

What it simulates (all fictional; every name, email and phone number is fake):
  * Harbourline Insurance, a mid-size European motor-and-home insurer selling MOTOR, HOME and (from
    2024-03-01) TRAVEL policies, directly and through 14 broker agencies in five regions. The policy
    administration system went live on 2023-01-01: the existing book was migrated at its 2023
    anniversaries, so the history starts in 2023.
  * Policies are 12-month terms renewed every year (a renewal is a new policy row); some are
    cancelled mid-term (sold the car, moved home, switched insurer, non-payment) and some lapse at
    expiry (not renewed). Premiums are paid annually, quarterly or monthly.
  * Events: motor premium increase of 12 % for terms starting from 2025-04-01 (followed by more
    motor lapses), home premium increase of 9 % from 2026-01-01, broker Tideway Insurance Brokers
    leaving on 2025-06-30 (its book renewed through Keel & Compass Insurance), the new broker
    Northstar Insurance Partners from 2025-09-01, Storm Odile on 2025-10-23/24 (a spike of storm
    claims, mostly in the West and the North, and a claims backlog), the January 2026 freeze
    (burst pipes: water damage claims), two property claims handlers hired in November 2025.
  * Claims with reserves, payments to policyholders, repair shops, contractors, third parties and
    medical providers, rejections, suspected fraud, reopened claims and large losses.
  * Activity is recorded up to and including 2026-06-29; the extract ran early on 2026-06-30,
    the reference date (dbt var as_of_date).

load.sql rebuilds schema `insure` with exactly the rows and column types that `dbt build` produces
from these seeds, so the suite can be used without dbt (check.sh proves it).
"""
import csv
import math
import os
import random
from datetime import date, timedelta
from decimal import Decimal, ROUND_HALF_UP

SEED = 20260630
AS_OF = date(2026, 6, 30)
LAST_DAY = date(2026, 6, 29)            # last full day of activity in the extract
GO_LIVE = date(2023, 1, 1)
TRAVEL_LAUNCH = date(2024, 3, 1)
MOTOR_RISE = date(2025, 4, 1)
HOME_RISE = date(2026, 1, 1)
ODILE = date(2025, 10, 23)
FREEZE = (date(2026, 1, 12), date(2026, 1, 20))
LARGE_LOSS = Decimal("15000")
HERE = os.path.dirname(os.path.abspath(__file__))
CENT = Decimal("0.01")

rng = random.Random(SEED)


def d2(x):
    return Decimal(x).quantize(CENT, ROUND_HALF_UP)


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    day = d.day
    while True:
        try:
            return date(y, m, day)
        except ValueError:
            day -= 1


def add_year(d):
    return add_months(d, 12)


def poisson(lam):
    n, p, L = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= L:
            return n
        n += 1


def rand_date(a, b):
    return a + timedelta(days=rng.randint(0, (b - a).days))


# --------------------------------------------------------------------------------------------
# 1. Regions, brokers, adjusters
# --------------------------------------------------------------------------------------------
REGIONS = {"C": "Central", "N": "North", "S": "South", "E": "East", "W": "West"}
CITIES = {"C": ["Avelport", "Linden"], "N": ["Norvik", "Strandby"], "S": ["Calder", "Meriden"],
          "E": ["Ostmark", "Veldhaven"], "W": ["Westhaven", "Morrow Bay"]}
REGION_WEIGHT = {"C": 30, "N": 18, "S": 20, "E": 14, "W": 18}

# name, region, commission %, contract start, contract end (last day), weight in its region
BROKERS = [
    ("Anchor Point Brokers", "C", "12.5", GO_LIVE, None, 1.4),
    ("Capital Cover Group", "C", "11.0", GO_LIVE, None, 1.1),
    ("Harbour Square Agency", "C", "13.0", GO_LIVE, None, 0.7),
    ("Northgate Cover", "N", "12.0", GO_LIVE, None, 1.0),
    ("Fjord Risk Partners", "N", "14.0", GO_LIVE, None, 0.6),
    ("Meridian Brokerage", "S", "12.0", GO_LIVE, None, 1.2),
    ("Sunvale Insurance Shop", "S", "10.5", GO_LIVE, None, 0.8),
    ("Eastwind Assurance Agents", "E", "12.5", GO_LIVE, None, 1.0),
    ("Riverbend Brokers", "E", "11.5", GO_LIVE, None, 0.7),
    ("Keel & Compass Insurance", "W", "13.5", GO_LIVE, None, 1.0),
    ("Lighthouse Insurance Agency", "W", "12.0", GO_LIVE, None, 0.7),
    ("Tideway Insurance Brokers", "W", "15.0", GO_LIVE, date(2025, 6, 30), 0.9),
    ("Greenfield Agency", "S", "11.0", date(2024, 5, 1), None, 0.9),
    ("Northstar Insurance Partners", "N", "10.0", date(2025, 9, 1), None, 3.0),
]
brokers = []
for i, b in enumerate(BROKERS):
    brokers.append({"id": 31 + i, "code": f"BRK-{31 + i:03d}", "name": b[0], "region": b[1], "rate": Decimal(b[2]),
                    "start": b[3], "end": b[4], "w": b[5]})
BROKER_BY_NAME = {b["name"]: b for b in brokers}


def broker_active(b, d):
    return b["start"] <= d and (b["end"] is None or d <= b["end"])


def pick_broker(region, d):
    cands = [b for b in brokers if b["region"] == region and broker_active(b, d)]
    return rng.choices(cands, [b["w"] for b in cands])[0]


# name, team code, grade, hired, left (last working day)
ADJUSTERS = [
    ("Lena Hartmann", "MOT", "L", date(2016, 3, 1), None),
    ("Tomas Varga", "MOT", "S", date(2018, 9, 3), None),
    ("Priya Raman", "MOT", "S", date(2020, 1, 6), None),
    ("Jonas Eklund", "MOT", "J", date(2022, 10, 3), None),
    ("Daniel Okoro", "MOT", "J", date(2021, 5, 3), date(2025, 8, 29)),
    ("Sofia Marques", "MOT", "J", date(2024, 2, 1), None),
    ("Claire Dubreuil", "PRP", "L", date(2014, 6, 2), None),
    ("Mikkel Brandt", "PRP", "S", date(2019, 4, 1), None),
    ("Aylin Kaya", "PRP", "S", date(2021, 2, 1), None),
    ("Ruben Santos", "PRP", "J", date(2025, 11, 3), None),
    ("Hanna Lindqvist", "PRP", "J", date(2025, 11, 3), None),
    ("Marco Bellini", "TRV", "S", date(2024, 1, 15), None),
    ("Elif Demirci", "TRV", "J", date(2024, 2, 19), None),
    ("Pieter de Graaf", "LLU", "L", date(2012, 9, 1), None),
    ("Agnes Novotna", "LLU", "S", date(2019, 11, 4), None),
]
adjusters = []
for i, a in enumerate(ADJUSTERS):
    adjusters.append({"id": 501 + i, "staff": f"HL-E{1180 + 7 * i}", "name": a[0], "team": a[1], "grade": a[2],
                      "hired": a[3], "left": a[4]})
GRADE_W = {"L": 0.6, "S": 1.0, "J": 1.2}


def pick_adjuster(team, d):
    cands = [a for a in adjusters if a["team"] == team and a["hired"] <= d and (a["left"] is None or d <= a["left"])]
    return rng.choices(cands, [GRADE_W[a["grade"]] * (1.6 if a["team"] == "PRP" and a["hired"] > ODILE else 1.0)
                               for a in cands])[0]


# --------------------------------------------------------------------------------------------
# 2. Customers
# --------------------------------------------------------------------------------------------
FIRST = ["Emma", "Liam", "Olivia", "Noah", "Sophie", "Lucas", "Mila", "Finn", "Julia", "Daan", "Sara", "Sem",
         "Anna", "Lars", "Eva", "Jonas", "Lotte", "Milan", "Nina", "Thomas", "Ines", "Hugo", "Clara", "Mats",
         "Fleur", "Ruben", "Zoe", "Bram", "Lena", "Jasper", "Maya", "Stijn", "Amira", "Youssef", "Elif", "Mehmet",
         "Priya", "Arjun", "Chloe", "Mateo", "Alice", "Victor", "Hannah", "Oscar", "Laura", "Felix", "Marta", "Pablo",
         "Ella", "Leon", "Iris", "Tobias", "Nora", "Karim", "Sofia", "Elias", "Ada", "Bas", "Yara", "Tim", "Greta",
         "Henrik", "Ingrid", "Matteo", "Aisha", "Omar", "Paula", "Sven", "Vera", "Wim"]
LAST = ["Jansen", "de Vries", "Peeters", "Maes", "Janssens", "Visser", "Smit", "Meijer", "Bakker", "Mulder",
        "Claes", "Willems", "Wouters", "Dubois", "Lambert", "Martin", "Leroy", "Moreau", "Schmidt", "Weber",
        "Fischer", "Keller", "Novak", "Kowalski", "Horvat", "Rossi", "Ferrari", "Garcia", "Lopez", "Silva",
        "Costa", "Yilmaz", "Demir", "El Amrani", "Benali", "Okafor", "Mensah", "Nguyen", "Tran", "Kim",
        "Patel", "Singh", "O'Brien", "Murphy", "Byrne", "Hughes", "Evans", "Berg", "Lund", "Holm", "Nielsen",
        "Andersen", "Larsen", "Johansson", "Virtanen", "Koch", "Wagner", "Becker", "Hoffmann", "Richter"]

customers = []
emails = set()


def new_customer(join, channel_pref=None, region=None):
    region = region or rng.choices(list(REGION_WEIGHT), list(REGION_WEIGHT.values()))[0]
    age_at_join = int(rng.choices([rng.randint(18, 24), rng.randint(25, 34), rng.randint(35, 44),
                                   rng.randint(45, 54), rng.randint(55, 64), rng.randint(65, 84)],
                                  [9, 21, 22, 20, 16, 12])[0])
    dob = date(join.year - age_at_join, rng.randint(1, 12), rng.randint(1, 28))
    first, last = rng.choice(FIRST), rng.choice(LAST)
    slug = (first + "." + last).lower().replace(" ", "").replace("'", "")
    while True:
        email = f"{slug}{rng.randint(1, 999)}@mail.example"
        if email not in emails:
            emails.add(email)
            break
    c = {"region": region, "city": rng.choice(CITIES[region]), "dob": dob, "first": first, "last": last,
         "email": email, "phone": f"+999 7{rng.randint(0, 99999999):08d}",
         "optin": "Y" if rng.random() < 0.38 else "N", "join": join}
    customers.append(c)
    return c


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


# --------------------------------------------------------------------------------------------
# 3. Policies, instalments and claims
# --------------------------------------------------------------------------------------------
MOTOR_BASE = {"B": 340, "S": 470, "P": 690}
HOME_BASE = {"B": 240, "S": 410, "P": 590}
TRAVEL_BASE = {"B": 69, "S": 119, "P": 179}
AGE_FACTOR_MOTOR = [(24, 1.9), (34, 1.25), (44, 1.0), (54, 0.92), (64, 0.95), (200, 1.1)]
REGION_MOTOR = {"C": 1.15, "N": 0.95, "S": 1.0, "E": 0.9, "W": 1.05}
REGION_HOME = {"C": 1.05, "N": 1.05, "S": 0.95, "E": 0.9, "W": 1.12}


def premium(product, cover, start, age, region, risk):
    if product == "M":
        f = next(v for a, v in AGE_FACTOR_MOTOR if age <= a)
        idx = 1.0 if start.year == 2023 else 1.04 if start.year == 2024 else 1.06
        if start >= MOTOR_RISE:
            idx *= 1.12
        if start.year >= 2026:
            idx *= 1.02
        p = MOTOR_BASE[cover] * f * REGION_MOTOR[region] * idx * risk
    elif product == "H":
        idx = 1.0 if start.year == 2023 else 1.03 if start.year == 2024 else 1.06
        if start >= HOME_RISE:
            idx *= 1.09
        p = HOME_BASE[cover] * REGION_HOME[region] * idx * risk
    else:
        idx = 1.03 if start.year >= 2025 else 1.0
        p = TRAVEL_BASE[cover] * (1.6 if age >= 65 else 1.0) * idx * risk
    return d2(Decimal(str(round(p, 2))))


# causes covered: product -> cover -> [(cause, yearly rate)]
MOTOR_CAUSES = {"COL": 0.075, "THF": 0.012, "FIR": 0.004, "GLS": 0.045, "STM": 0.006, "VAN": 0.012}
HOME_CAUSES = {"WTR": 0.028, "FIR": 0.006, "STM": 0.014, "THF": 0.014, "GLS": 0.010}
TRAVEL_CAUSES = {"MED": 0.045, "BAG": 0.045, "CNX": 0.035}
COVERED = {
    ("M", "B"): ["COL"], ("M", "S"): ["COL", "THF", "FIR"], ("M", "P"): list(MOTOR_CAUSES),
    ("H", "B"): ["THF", "WTR", "FIR"], ("H", "S"): ["STM", "WTR", "FIR", "GLS"], ("H", "P"): list(HOME_CAUSES),
    ("T", "B"): ["MED", "BAG"], ("T", "S"): ["MED", "BAG"], ("T", "P"): list(TRAVEL_CAUSES),
}
RATES = {"M": MOTOR_CAUSES, "H": HOME_CAUSES, "T": TRAVEL_CAUSES}
SEASON = {  # seasonal weight of loss dates per cause
    "COL": [1.3, 1.3, 1.1, 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.1, 1.2, 1.4],
    "WTR": [1.6, 1.4, 1.1, 0.8, 0.7, 0.6, 0.6, 0.6, 0.8, 1.0, 1.3, 1.6],
    "STM": [1.6, 1.5, 1.2, 0.8, 0.5, 0.4, 0.5, 0.5, 0.8, 1.2, 1.5, 1.6],
    "MED": [0.6, 0.6, 0.7, 0.8, 0.9, 1.3, 1.8, 1.8, 1.0, 0.8, 0.6, 0.9],
    "BAG": [0.6, 0.6, 0.7, 0.8, 0.9, 1.3, 1.8, 1.8, 1.0, 0.8, 0.6, 0.9],
    "CNX": [0.9, 0.8, 0.9, 1.0, 1.0, 1.2, 1.4, 1.2, 0.9, 0.8, 0.8, 1.0],
}
# (median, sigma) of the ultimate cost of a claim, per product and cause
SEVERITY = {
    ("M", "COL"): (2600, 0.8), ("M", "THF"): (24000, 0.5), ("M", "FIR"): (9000, 0.6), ("M", "GLS"): (450, 0.4),
    ("M", "STM"): (3500, 0.6), ("M", "VAN"): (1100, 0.6),
    ("H", "WTR"): (4500, 0.9), ("H", "FIR"): (24000, 0.9), ("H", "STM"): (6000, 0.9), ("H", "THF"): (3500, 0.7),
    ("H", "GLS"): (600, 0.4),
    ("T", "MED"): (1200, 1.3), ("T", "BAG"): (600, 0.6), ("T", "CNX"): (1400, 0.7),
}
SEVERITY_SCALE = 0.5
DURATION = {"COL": (10, 90), "THF": (30, 75), "FIR": (30, 180), "GLS": (2, 14), "STM": (15, 90), "VAN": (7, 40),
            "WTR": (20, 100), "MED": (15, 60), "BAG": (10, 40), "CNX": (10, 45)}
LAG = {"COL": (0, 6), "THF": (0, 2), "FIR": (0, 3), "GLS": (0, 10), "STM": (1, 12), "VAN": (0, 8),
       "WTR": (0, 14), "MED": (2, 40), "BAG": (1, 30), "CNX": (1, 20)}
PAYEES = {
    ("M", "COL"): (["REP", "TP", "PH"], [60, 30, 10]), ("M", "THF"): (["PH"], [1]),
    ("M", "FIR"): (["PH", "REP"], [60, 40]), ("M", "GLS"): (["REP"], [1]), ("M", "STM"): (["REP", "PH"], [70, 30]),
    ("M", "VAN"): (["REP"], [1]),
    ("H", "WTR"): (["CON", "PH"], [60, 40]), ("H", "FIR"): (["CON", "PH"], [55, 45]),
    ("H", "STM"): (["CON", "PH"], [65, 35]), ("H", "THF"): (["PH"], [1]), ("H", "GLS"): (["CON"], [1]),
    ("T", "MED"): (["MED", "PH"], [85, 15]), ("T", "BAG"): (["PH"], [1]), ("T", "CNX"): (["PH"], [1]),
}

policies = []     # dict per policy term
claims = []       # dict per claim
instalments = []  # [policy, seq, due, amount, method, status, paid_on]


def make_claim(pol, cause, loss, severity=None, cat=None):
    lo, hi = LAG[cause]
    reported = loss + timedelta(days=rng.randint(lo, hi))
    if cat == "ODL":
        reported = loss + timedelta(days=rng.randint(0, 20))
    if reported > LAST_DAY:
        return
    med, sig = severity or SEVERITY[(pol["product"], cause)]
    if pol["product"] == "M" and cause == "COL" and rng.random() < 0.01:
        ultimate = d2(rng.randint(30000, 120000))        # bodily injury to a third party
        injury = True
    else:
        ultimate = d2(max(80.0, min(300000.0, SEVERITY_SCALE * med * rng.lognormvariate(0, sig))))
        injury = False
    estimate = d2(float(ultimate) * rng.lognormvariate(0, 0.2))
    fraud = rng.random() < (0.08 if cause == "THF" else 0.025)
    rejected = rng.random() < (0.65 if fraud else 0.05)
    if pol["product"] == "M" and pol["cover"] == "B" and cause == "COL" and not injury:
        payees = (["TP"], [1])
    elif injury:
        payees = (["TP", "MED"], [70, 30])
    else:
        payees = PAYEES[(pol["product"], cause)]
    team = {"M": "MOT", "H": "PRP", "T": "TRV"}[pol["product"]]
    if estimate > LARGE_LOSS:
        team = "LLU"
    adj = pick_adjuster(team, reported)
    c = {"policy": pol, "cause": cause, "loss": loss, "reported": reported, "cat": cat, "fraud": fraud,
         "adjuster": adj, "closed": None, "reopened": None, "reserve": Decimal("0.00"), "payments": []}
    if rejected:
        decided = reported + timedelta(days=rng.randint(10, 60))
        if decided <= LAST_DAY:
            c["status"], c["closed"] = "REJ", decided
        else:
            c["status"], c["reserve"] = "OPN", estimate
        claims.append(c)
        return
    lo, hi = DURATION[cause]
    days = rng.randint(lo, hi)
    if ultimate > LARGE_LOSS:
        days = days * 2 + rng.randint(30, 120)
    if cat == "ODL":
        days += rng.randint(20, 60)
    closed = reported + timedelta(days=days)

    def pay_schedule(total, first_day, last_day, payees, large):
        rows = []
        if large:
            fee = d2(float(total) * rng.uniform(0.02, 0.06))
            rows.append([first_day + timedelta(days=min(10, (last_day - first_day).days)), fee, "EXP"])
            total = total - fee
        span = (last_day - first_day).days
        n = 1 if span < 3 else rng.choices([1, 2, 3], [60, 30, 10])[0]
        shares = sorted(rng.uniform(0.2, 1.0) for _ in range(n))
        s = sum(shares)
        amounts = [d2(float(total) * x / s) for x in shares]
        amounts[-1] = total - sum(amounts[:-1])
        days_ = sorted(rng.randint(1, span - 1) for _ in range(n - 1)) if n > 1 else []
        for k, amt in enumerate(amounts):
            day = last_day if k == n - 1 else first_day + timedelta(days=days_[k])
            rows.append([day, amt, rng.choices(*payees)[0]])
        return rows

    if closed <= LAST_DAY:
        c["status"], c["closed"] = "CLS", closed
        c["payments"] = pay_schedule(ultimate, reported, closed, payees, ultimate > LARGE_LOSS)
        if rng.random() < 0.07:
            reopen = closed + timedelta(days=rng.randint(20, 120))
            if reopen <= LAST_DAY:
                c["reopened"] = reopen
                extra = d2(float(ultimate) * rng.uniform(0.1, 0.4))
                reclose = reopen + timedelta(days=rng.randint(15, 90))
                if reclose <= LAST_DAY:
                    c["closed"] = reclose
                    c["payments"].append([reclose, extra, rng.choices(*payees)[0]])
                else:
                    c["status"], c["closed"], c["reserve"] = "ROP", None, extra
    else:
        c["status"] = "OPN"
        paid = Decimal("0.00")
        if (LAST_DAY - reported).days > 10 and rng.random() < 0.45:
            amt = d2(float(estimate) * rng.uniform(0.3, 0.6))
            c["payments"].append([reported + timedelta(days=rng.randint(5, (LAST_DAY - reported).days)), amt,
                                  rng.choices(*payees)[0]])
            paid = amt
        c["reserve"] = max(d2(100), estimate - paid)
    claims.append(c)


def run_term(rel, start, prev):
    """One 12-month policy term of a relationship; returns the policy dict."""
    cust = rel["customer"]
    end = add_year(start) - timedelta(days=1)
    age = age_on(cust["dob"], start)
    broker = rel["broker"]
    if broker is not None and not broker_active(broker, start):
        broker = BROKER_BY_NAME["Keel & Compass Insurance"] if broker["name"].startswith("Tideway") else None
        rel["broker"] = broker
    if prev is not None and rng.random() < 0.08:
        rel["cover"] = rng.choice([c for c in "BSP" if c != rel["cover"]])
    pol = {"customer": cust, "product": rel["product"], "cover": rel["cover"], "broker": broker,
           "freq": rel["freq"], "start": start, "end": end, "cancel": None, "reason": None, "prev": prev,
           "premium": premium(rel["product"], rel["cover"], start, age, cust["region"], rel["risk"])}
    # voluntary mid-term cancellation
    p_cancel = {"M": 0.07, "H": 0.045, "T": 0.02}[rel["product"]]
    if rng.random() < p_cancel:
        cdate = start + timedelta(days=rng.randint(20, 350))
        if cdate <= LAST_DAY:
            pol["cancel"] = cdate
            if rel["product"] == "M":
                pol["reason"] = rng.choices(["SV", "SW", "CR"], [40, 30, 30])[0]
            elif rel["product"] == "H":
                pol["reason"] = rng.choices(["MH", "SW", "CR"], [60, 20, 20])[0]
            else:
                pol["reason"] = "CR"
    # instalments (billed up to LAST_DAY, none on or after the cancellation date)
    n = {"A": 1, "Q": 4, "M": 12}[rel["freq"]]
    step = 12 // n
    base = d2(pol["premium"] / n)
    amounts = [base] * (n - 1) + [pol["premium"] - base * (n - 1)]
    p_fail = {"A": 0.015, "Q": 0.02, "M": 0.025}[rel["freq"]] * (2.0 if age < 25 else 1.0)
    for k in range(n):
        due = add_months(start, k * step)
        if due > LAST_DAY or (pol["cancel"] is not None and due >= pol["cancel"]):
            break
        method = rel["method"]
        if rng.random() < p_fail:
            status, paid_on = "FAIL", None
        else:
            status = "PAID"
            lag = {"DD": rng.randint(0, 2), "CARD": 0, "BT": rng.randint(0, 12)}[method]
            paid_on = due + timedelta(days=lag)
            if paid_on > LAST_DAY:
                status, paid_on = "PEND", None
        instalments.append([pol, k + 1, due, amounts[k], method, status, paid_on])
        if status == "FAIL" and rng.random() < 0.45:
            cdate = due + timedelta(days=30)
            if cdate <= LAST_DAY and cdate <= end and (pol["cancel"] is None or cdate < pol["cancel"]):
                pol["cancel"], pol["reason"] = cdate, "NP"
                break
    policies.append(pol)
    # claims over the covered days
    last_cov = min(end, LAST_DAY, pol["cancel"] - timedelta(days=1) if pol["cancel"] else end)
    if last_cov < start:
        return pol
    exposure = ((last_cov - start).days + 1) / 365.0
    for cause in COVERED[(rel["product"], rel["cover"])]:
        rate = RATES[rel["product"]][cause] * rel["risk"] * {"M": 1.6, "H": 1.1, "T": 1.3}[rel["product"]]
        if cause == "COL" and age < 25:
            rate *= 2.0
        for _ in range(poisson(rate * exposure)):
            season = SEASON.get(cause)
            while True:
                loss = rand_date(start, last_cov)
                if season is None or rng.random() < season[loss.month - 1] / max(season):
                    break
            make_claim(pol, cause, loss)
    # catastrophe events
    if start <= ODILE <= last_cov:
        reg = cust["region"]
        if rel["product"] == "H" and rel["cover"] in "SP":
            if rng.random() < {"W": 0.34, "N": 0.24, "C": 0.09, "S": 0.04, "E": 0.03}[reg]:
                make_claim(pol, "STM", ODILE + timedelta(days=rng.randint(0, 1)), (5000, 0.8), "ODL")
        elif rel["product"] == "M" and rel["cover"] == "P":
            if rng.random() < {"W": 0.10, "N": 0.07, "C": 0.03, "S": 0.01, "E": 0.01}[reg]:
                make_claim(pol, "STM", ODILE + timedelta(days=rng.randint(0, 1)), (3600, 0.6), "ODL")
    if rel["product"] == "H" and start <= FREEZE[0] and FREEZE[1] <= last_cov:
        if rng.random() < {"N": 0.10, "E": 0.10, "C": 0.06, "W": 0.04, "S": 0.02}[cust["region"]]:
            make_claim(pol, "WTR", rand_date(*FREEZE), (4000, 0.7), "FRZ")
    return pol


def renew_probability(pol, next_start):
    p = {"M": 0.85, "H": 0.89, "T": 0.66}[pol["product"]]
    if pol["product"] == "M" and next_start >= MOTOR_RISE:
        p -= 0.10
    if pol["product"] == "H" and next_start >= HOME_RISE:
        p -= 0.04
    return p


def run_relationship(cust, product, start, channel):
    age = age_on(cust["dob"], start)
    rel = {"customer": cust, "product": product, "risk": rng.lognormvariate(0, 0.15),
           "cover": rng.choices("BSP", {"M": [22, 28, 50], "H": [30, 25, 45], "T": [35, 40, 25]}[product])[0],
           "freq": rng.choices("AQM", [45, 20, 35] if age >= 30 else [25, 20, 55])[0],
           "broker": pick_broker(cust["region"], start) if channel == "B" else None}
    rel["method"] = rng.choices(["BT", "CARD"], [40, 60])[0] if rel["freq"] == "A" else \
        rng.choices(["DD", "CARD"], [90, 10])[0]
    prev = None
    while start <= AS_OF:
        pol = run_term(rel, start, prev)
        if pol["cancel"] is not None:
            break
        nxt = pol["end"] + timedelta(days=1)
        if nxt > AS_OF or rng.random() >= renew_probability(pol, nxt):
            break
        prev, start = pol, nxt


def channel_for(d, region):
    p_broker = 0.52 if d < date(2025, 1, 1) else 0.46
    if region == "N" and d >= date(2025, 9, 1):
        p_broker = 0.75
    return "B" if rng.random() < p_broker else "D"


# the migrated book: anniversaries during 2023
for _ in range(1150):
    cust = new_customer(rand_date(GO_LIVE, date(2023, 12, 31)))
    ch = channel_for(cust["join"], cust["region"])
    has_motor = rng.random() < 0.74
    if has_motor:
        run_relationship(cust, "M", cust["join"], ch)
    if not has_motor or rng.random() < 0.50:
        run_relationship(cust, "H", cust["join"] if not has_motor else rand_date(GO_LIVE, date(2023, 12, 31)), ch)
    if rng.random() < 0.16:
        d = rand_date(TRAVEL_LAUNCH, LAST_DAY)
        run_relationship(cust, "T", d, ch)
# new business
d = GO_LIVE
while d <= LAST_DAY:
    years = (d - GO_LIVE).days / 365.25
    lam = 0.75 + 0.12 * years
    if d >= date(2025, 9, 1):
        lam += 0.35          # Northstar Insurance Partners
    for _ in range(poisson(lam)):
        region = "N" if d >= date(2025, 9, 1) and rng.random() < 0.25 else None
        cust = new_customer(d, region=region)
        ch = channel_for(d, cust["region"])
        r = rng.random()
        first = "M" if r < 0.62 else "H" if r < 0.92 or d < TRAVEL_LAUNCH else "T"
        run_relationship(cust, first, d, ch)
        for other in ("M", "H", "T"):
            if other == first or rng.random() >= {"M": 0.25, "H": 0.35, "T": 0.15}[other]:
                continue
            d2_ = d + timedelta(days=rng.randint(0, 540))
            if other == "T" and d2_ < TRAVEL_LAUNCH:
                d2_ = TRAVEL_LAUNCH + timedelta(days=rng.randint(0, 200))
            if d2_ <= LAST_DAY:
                run_relationship(cust, other, d2_, ch)
    d += timedelta(days=1)

# ids and numbers
customers.sort(key=lambda c: (c["join"], c["email"]))
for n, c in enumerate(customers):
    c["id"] = 100001 + n
    c["number"] = f"HL-{c['id'] + 400000:06d}"
PRODUCT_PREFIX = {"M": "MOT", "H": "HOM", "T": "TRV"}
policies.sort(key=lambda p: (p["start"], p["customer"]["id"], p["product"]))
seq = {}
for n, p in enumerate(policies):
    p["id"] = 300001 + n
    key = (PRODUCT_PREFIX[p["product"]], p["start"].year)
    seq[key] = seq.get(key, 0) + 1
    p["number"] = f"{key[0]}-{key[1]}-{seq[key]:05d}"
claims.sort(key=lambda c: (c["reported"], c["policy"]["id"], c["loss"], c["cause"]))
seq = {}
for n, c in enumerate(claims):
    c["id"] = 700001 + n
    y = c["reported"].year
    seq[y] = seq.get(y, 0) + 1
    c["number"] = f"CLM-{y}-{seq[y]:05d}"
instalments.sort(key=lambda i: (i[2], i[0]["id"], i[1]))
for n, i in enumerate(instalments):
    i.insert(0, 5000001 + n)
# i = [instalment_id, policy, seq, due, amount, method, status, paid_on]
claim_payments = []
for c in claims:
    for p in c["payments"]:
        claim_payments.append([c, p[0], p[1], p[2]])
claim_payments.sort(key=lambda p: (p[1], p[0]["id"], p[2]))
for n, p in enumerate(claim_payments):
    p.insert(0, 900001 + n)
# p = [payment_id, claim, date, amount, payee]

# --------------------------------------------------------------------------------------------
# 4. Seeds (raw extracts)
# --------------------------------------------------------------------------------------------
def fmt(v):
    if v is None:
        return ""
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


seeds_dir = os.path.join(HERE, "seeds")
os.makedirs(seeds_dir, exist_ok=True)
counts = {}


def write_seed(name, header, rows):
    with open(os.path.join(seeds_dir, name + ".csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(v) for v in r])
    counts[name] = len(rows)


write_seed("raw_brokers",
           ["broker_id", "broker_code", "broker_name", "region_code", "commission_pct", "contract_start",
            "contract_end"],
           [[b["id"], b["code"], b["name"], b["region"], b["rate"], b["start"], b["end"]] for b in brokers])
write_seed("raw_adjusters",
           ["handler_id", "staff_no", "handler_name", "team_code", "grade", "hired_on", "left_on"],
           [[a["id"], a["staff"], a["name"], a["team"], a["grade"], a["hired"], a["left"]] for a in adjusters])
write_seed("raw_customers",
           ["cust_id", "cust_no", "first_name", "last_name", "email", "phone", "birth_date", "region_code", "city",
            "marketing_opt_in"],
           [[c["id"], c["number"], c["first"], c["last"], c["email"], c["phone"], c["dob"], c["region"], c["city"],
             c["optin"]] for c in customers])
write_seed("raw_policies",
           ["policy_id", "policy_no", "cust_id", "broker_id", "channel_code", "product_code", "cover_code",
            "pay_freq", "inception_date", "expiry_date", "cancel_date", "cancel_code", "gross_premium_eur",
            "renewal_of"],
           [[p["id"], p["number"], p["customer"]["id"], p["broker"]["id"] if p["broker"] else None,
             "B" if p["broker"] else "D", p["product"], p["cover"], p["freq"], p["start"], p["end"], p["cancel"],
             p["reason"], p["premium"], p["prev"]["id"] if p["prev"] else None] for p in policies])
write_seed("raw_instalments",
           ["instalment_id", "policy_id", "seq_no", "due_on", "amount_eur", "method_code", "status_code", "paid_on"],
           [[i[0], i[1]["id"], i[2], i[3], i[4], i[5], i[6], i[7]] for i in instalments])
write_seed("raw_claims",
           ["claim_id", "claim_no", "policy_id", "cause_code", "loss_date", "notified_date", "closed_date",
            "reopened_date", "status_code", "handler_id", "outstanding_reserve_eur", "fraud_flag", "cat_code"],
           [[c["id"], c["number"], c["policy"]["id"], c["cause"], c["loss"], c["reported"], c["closed"],
             c["reopened"], c["status"], c["adjuster"]["id"], c["reserve"], "Y" if c["fraud"] else "N", c["cat"]]
            for c in claims])
write_seed("raw_claim_payments",
           ["payment_id", "claim_id", "paid_on", "amount_eur", "payee_code"],
           [[p[0], p[1]["id"], p[2], p[3], p[4]] for p in claim_payments])

# --------------------------------------------------------------------------------------------
# 5. Marts (schema insure), computed independently of the dbt SQL
# --------------------------------------------------------------------------------------------
TEAM = {"MOT": "motor_claims", "PRP": "property_claims", "TRV": "travel_claims", "LLU": "large_loss"}
GRADE = {"J": "junior", "S": "senior", "L": "lead"}
PRODUCT = {"M": "MOTOR", "H": "HOME", "T": "TRAVEL"}
COVER = {"B": "ESSENTIAL", "S": "PLUS", "P": "COMPREHENSIVE"}
FREQ = {"A": "annual", "Q": "quarterly", "M": "monthly"}
CANCEL = {"CR": "customer_request", "SV": "sold_vehicle", "MH": "moved_home", "SW": "switched_insurer",
          "NP": "non_payment"}
METHOD = {"DD": "direct_debit", "CARD": "card", "BT": "bank_transfer"}
PAY_STATUS = {"PAID": "paid", "FAIL": "failed", "PEND": "pending"}
CAUSE = {"COL": "collision", "THF": "theft", "FIR": "fire", "GLS": "glass", "STM": "storm", "VAN": "vandalism",
         "WTR": "water_damage", "MED": "medical_expenses", "BAG": "lost_baggage", "CNX": "trip_cancellation"}
CLAIM_STATUS = {"OPN": "open", "CLS": "closed", "REJ": "rejected", "ROP": "reopened"}
CAT = {"ODL": "storm_odile", "FRZ": "january_freeze"}
PAYEE = {"PH": "policyholder", "REP": "repair_shop", "TP": "third_party", "CON": "contractor",
         "MED": "medical_provider", "EXP": "expert"}


def age_band(age):
    for hi, band in ((24, "18-24"), (34, "25-34"), (44, "35-44"), (54, "45-54"), (64, "55-64")):
        if age <= hi:
            return band
    return "65+"


renewed = {p["prev"]["id"] for p in policies if p["prev"]}


def policy_status(p):
    if p["cancel"] is not None:
        return "cancelled"
    if p["end"] >= AS_OF:
        return "active"
    return "renewed" if p["id"] in renewed else "lapsed"


for p in policies:
    p["status"] = policy_status(p)

mart = {}
mart["dim_brokers"] = (
    [("broker_id", "integer"), ("broker_code", "text"), ("broker_name", "text"), ("region", "text"),
     ("commission_rate_pct", "numeric(4,1)"), ("contract_start_date", "date"), ("contract_end_date", "date"),
     ("is_active", "boolean")],
    [[b["id"], b["code"], b["name"], REGIONS[b["region"]], b["rate"], b["start"], b["end"],
      b["start"] <= AS_OF and (b["end"] is None or b["end"] >= AS_OF)] for b in brokers])

mart["dim_adjusters"] = (
    [("adjuster_id", "integer"), ("employee_number", "text"), ("adjuster_name", "text"), ("team", "text"),
     ("seniority", "text"), ("hired_date", "date"), ("left_date", "date"), ("is_active", "boolean")],
    [[a["id"], a["staff"], a["name"], TEAM[a["team"]], GRADE[a["grade"]], a["hired"], a["left"],
      a["left"] is None or a["left"] >= AS_OF] for a in adjusters])

by_customer = {}
for p in policies:
    by_customer.setdefault(p["customer"]["id"], []).append(p)
mart["dim_customers"] = (
    [("customer_id", "integer"), ("customer_number", "text"), ("first_name", "text"), ("last_name", "text"),
     ("full_name", "text"), ("email", "text"), ("phone", "text"), ("date_of_birth", "date"), ("age", "integer"),
     ("age_band", "text"), ("region", "text"), ("city", "text"), ("has_marketing_consent", "boolean"),
     ("customer_since", "date"), ("policy_count", "integer"), ("active_policy_count", "integer"),
     ("is_active_customer", "boolean")],
    [[c["id"], c["number"], c["first"], c["last"], f"{c['first']} {c['last']}", c["email"], c["phone"], c["dob"],
      age_on(c["dob"], AS_OF), age_band(age_on(c["dob"], AS_OF)), REGIONS[c["region"]], c["city"], c["optin"] == "Y",
      min(p["start"] for p in by_customer[c["id"]]), len(by_customer[c["id"]]),
      sum(1 for p in by_customer[c["id"]] if p["status"] == "active"),
      any(p["status"] == "active" for p in by_customer[c["id"]])] for c in customers])

mart["fct_policies"] = (
    [("policy_id", "integer"), ("policy_number", "text"), ("customer_id", "integer"), ("broker_id", "integer"),
     ("channel", "text"), ("product_line", "text"), ("cover_level", "text"), ("payment_frequency", "text"),
     ("start_date", "date"), ("end_date", "date"), ("cancellation_date", "date"), ("cancellation_reason", "text"),
     ("annual_premium_eur", "numeric(10,2)"), ("commission_eur", "numeric(10,2)"), ("policy_status", "text"),
     ("is_active", "boolean"), ("is_renewal", "boolean"), ("renewed_from_policy_id", "integer"),
     ("was_renewed", "boolean")],
    [[p["id"], p["number"], p["customer"]["id"], p["broker"]["id"] if p["broker"] else None,
      "broker" if p["broker"] else "direct", PRODUCT[p["product"]], COVER[p["cover"]], FREQ[p["freq"]], p["start"],
      p["end"], p["cancel"], CANCEL.get(p["reason"]), p["premium"],
      (p["premium"] * p["broker"]["rate"] / 100).quantize(CENT, ROUND_HALF_UP) if p["broker"] else None,
      p["status"], p["status"] == "active", p["prev"] is not None, p["prev"]["id"] if p["prev"] else None,
      p["id"] in renewed] for p in policies])

mart["fct_premium_payments"] = (
    [("instalment_id", "integer"), ("policy_id", "integer"), ("instalment_number", "integer"), ("due_date", "date"),
     ("amount_eur", "numeric(10,2)"), ("payment_method", "text"), ("payment_status", "text"), ("paid_date", "date"),
     ("days_to_pay", "integer")],
    [[i[0], i[1]["id"], i[2], i[3], i[4], METHOD[i[5]], PAY_STATUS[i[6]], i[7],
      None if i[7] is None else (i[7] - i[3]).days] for i in instalments])

paid_by_claim = {}
for p in claim_payments:
    paid_by_claim[p[1]["id"]] = paid_by_claim.get(p[1]["id"], Decimal("0.00")) + p[3]
claim_rows = []
for c in claims:
    paid = paid_by_claim.get(c["id"], Decimal("0.00"))
    incurred = paid + c["reserve"]
    status = CLAIM_STATUS[c["status"]]
    claim_rows.append([
        c["id"], c["number"], c["policy"]["id"], c["policy"]["customer"]["id"], PRODUCT[c["policy"]["product"]],
        CAUSE[c["cause"]], CAT.get(c["cat"]), c["loss"], c["reported"], c["closed"], c["reopened"], status,
        c["adjuster"]["id"], c["reserve"], paid, incurred, c["fraud"], incurred > LARGE_LOSS,
        (c["reported"] - c["loss"]).days, (c["closed"] - c["reported"]).days if status == "closed" else None,
        status in ("open", "reopened")])
mart["fct_claims"] = (
    [("claim_id", "integer"), ("claim_number", "text"), ("policy_id", "integer"), ("customer_id", "integer"),
     ("product_line", "text"), ("cause", "text"), ("catastrophe_event", "text"), ("loss_date", "date"),
     ("reported_date", "date"), ("closed_date", "date"), ("reopened_date", "date"), ("claim_status", "text"),
     ("adjuster_id", "integer"), ("reserve_eur", "numeric(12,2)"), ("paid_eur", "numeric(12,2)"),
     ("incurred_eur", "numeric(12,2)"), ("is_fraud_suspected", "boolean"), ("is_large_loss", "boolean"),
     ("reporting_lag_days", "integer"), ("settlement_days", "integer"), ("is_open", "boolean")],
    claim_rows)

mart["fct_claim_payments"] = (
    [("claim_payment_id", "integer"), ("claim_id", "integer"), ("payment_date", "date"),
     ("amount_eur", "numeric(12,2)"), ("payee_type", "text")],
    [[p[0], p[1]["id"], p[2], p[3], PAYEE[p[4]]] for p in claim_payments])

# --------------------------------------------------------------------------------------------
# 6. load.sql
# --------------------------------------------------------------------------------------------
def sql_literal(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, date):
        return f"'{v.isoformat()}'"
    if isinstance(v, (int, Decimal)):
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


MART_ORDER = ["dim_customers", "dim_brokers", "dim_adjusters", "fct_policies", "fct_premium_payments", "fct_claims",
              "fct_claim_payments"]
with open(os.path.join(HERE, "load.sql"), "w", encoding="utf-8", newline="\n") as f:
    f.write("-- Harbourline Insurance: schema `insure`, exactly as `dbt build` materialises it.\n")
    f.write("-- Generated by gen_seeds.py (seed %d, as-of date %s). Do not edit by hand.\n" % (SEED, AS_OF.isoformat()))
    f.write("-- Load with: psql -v ON_ERROR_STOP=1 -d <database> -f load.sql\n\n")
    f.write("set client_min_messages = warning;\nbegin;\ndrop schema if exists insure cascade;\ncreate schema insure;\n")
    for name in MART_ORDER:
        cols, rows = mart[name]
        f.write(f"\ncreate table insure.{name} (\n")
        f.write(",\n".join(f"    {c} {t}" for c, t in cols))
        f.write("\n);\n")
        collist = ", ".join(c for c, _ in cols)
        for i in range(0, len(rows), 500):
            chunk = rows[i:i + 500]
            f.write(f"insert into insure.{name} ({collist}) values\n")
            f.write(",\n".join("(" + ", ".join(sql_literal(v) for v in row) + ")" for row in chunk))
            f.write(";\n")
    f.write("\ncommit;\nanalyze;\n")

if __name__ == "__main__":
    import sys
    for name in MART_ORDER:
        print(f"insure.{name}: {len(mart[name][1])} rows", file=sys.stderr)
    for name, n in counts.items():
        print(f"seeds/{name}.csv: {n} rows", file=sys.stderr)
