#!/usr/bin/env python3
"""Generate the raw seeds and load.sql for the Tandem Cycles bike-sharing suite.

Standard library only, one fixed seed: every run writes byte-identical files.

    python3 gen_seeds.py            # writes seeds/raw_*.csv and load.sql next to this file

What it simulates (all fictional; every name, email and phone number is fake):
  * Tandem Cycles, the bike-sharing network of a mid-size European city, launched 2023-04-01 with
    36 stations in 8 districts, 250 classic bikes and 40 e-bikes.
  * Network changes: the Eastfield extension (6 stations and 30 classic bikes, 2024-05-06), the
    e-bike fleet expansion with three mobility hubs (80 e-bikes, 2025-04-01) and a second batch of
    30 e-bikes (2026-04-15), two summer pop-up stations (2025 and 2026), and the permanent closure
    of Harbour Bridge station on 2025-10-01 (bridge reconstruction).
  * Prices: membership prices rose on 2026-01-01 (annual 99 -> 119 EUR, monthly 12 -> 14 EUR,
    student 59 -> 65 EUR); pay-as-you-go fares and member e-bike minutes rose on 2026-03-01.
  * Strong seasonality (summer peak, winter trough), weekday commuting peaks, weekend leisure,
    member churn (more "too expensive" cancellations after the 2026 price rise), failed payments,
    thefts, vandalism and routine maintenance.
  * Activity is recorded up to and including 2026-11-14; the extract ran early on 2026-11-15,
    the reference date (dbt var as_of_date).

load.sql rebuilds schema `mobility` with exactly the rows and column types that `dbt build`
produces from these seeds, so the suite can be used without dbt (check.sh proves it).
"""
import csv
import itertools
import math
import os
import random
from datetime import date, datetime, timedelta
from decimal import Decimal, ROUND_HALF_UP

SEED = 20261115
AS_OF = date(2026, 11, 15)
LAST_DAY = date(2026, 11, 14)          # last full day of activity in the extract
LAUNCH = date(2023, 4, 1)
HERE = os.path.dirname(os.path.abspath(__file__))
CENT = Decimal("0.01")

rng = random.Random(SEED)


def d2(x):
    return Decimal(x).quantize(CENT, ROUND_HALF_UP)


def daterange(a, b):
    d = a
    while d <= b:
        yield d
        d += timedelta(days=1)


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return date(y, m, min(d.day, 28))


# --------------------------------------------------------------------------------------------
# 1. Stations
# --------------------------------------------------------------------------------------------
DISTRICTS = ["Old Town", "Harbourside", "University Quarter", "Riverside", "Northgate", "Westpark",
             "Eastfield", "Canal District"]
# name, district, raw type (STD / HUB / POP), docks, charging Y/N, opened, closed, popularity
S_LAUNCH, S_EAST, S_HUBS = LAUNCH, date(2024, 5, 6), date(2025, 4, 1)
STATIONS = [
    ("Cathedral Square", "Old Town", "STD", 24, "N", S_LAUNCH, None, 1.6),
    ("Market Hall", "Old Town", "STD", 20, "N", S_LAUNCH, None, 1.4),
    ("Town Hall", "Old Town", "STD", 18, "N", S_LAUNCH, None, 1.2),
    ("Guild Street", "Old Town", "STD", 15, "N", S_LAUNCH, None, 0.8),
    ("Lantern Gate", "Old Town", "STD", 15, "N", S_LAUNCH, None, 0.7),
    ("Central Station Hub", "Old Town", "HUB", 40, "Y", S_LAUNCH, None, 2.4),
    ("Harbour Bridge", "Harbourside", "STD", 20, "N", S_LAUNCH, date(2025, 10, 1), 1.1),
    ("Ferry Terminal", "Harbourside", "STD", 24, "N", S_LAUNCH, None, 1.5),
    ("Fish Market", "Harbourside", "STD", 16, "N", S_LAUNCH, None, 0.9),
    ("Marina Walk", "Harbourside", "STD", 18, "N", S_LAUNCH, None, 1.0),
    ("Lighthouse Point", "Harbourside", "STD", 12, "N", S_LAUNCH, None, 0.6),
    ("Campus North", "University Quarter", "STD", 24, "N", S_LAUNCH, None, 1.5),
    ("Library Square", "University Quarter", "STD", 20, "N", S_LAUNCH, None, 1.3),
    ("Science Park", "University Quarter", "STD", 18, "N", S_LAUNCH, None, 1.0),
    ("Student Halls", "University Quarter", "STD", 20, "N", S_LAUNCH, None, 1.2),
    ("Medical School", "University Quarter", "STD", 14, "N", S_LAUNCH, None, 0.7),
    ("Willow Embankment", "Riverside", "STD", 16, "N", S_LAUNCH, None, 0.9),
    ("Boathouse", "Riverside", "STD", 14, "N", S_LAUNCH, None, 0.8),
    ("Mill Weir", "Riverside", "STD", 12, "N", S_LAUNCH, None, 0.5),
    ("Riverside Park", "Riverside", "STD", 18, "N", S_LAUNCH, None, 1.0),
    ("Old Brewery", "Riverside", "STD", 14, "N", S_LAUNCH, None, 0.6),
    ("Northgate Station", "Northgate", "STD", 22, "Y", S_LAUNCH, None, 1.3),
    ("Hospital Road", "Northgate", "STD", 16, "N", S_LAUNCH, None, 0.8),
    ("Oak Avenue", "Northgate", "STD", 12, "N", S_LAUNCH, None, 0.5),
    ("Northgate Shopping Centre", "Northgate", "STD", 18, "N", S_LAUNCH, None, 0.9),
    ("Westpark Gates", "Westpark", "STD", 16, "N", S_LAUNCH, None, 0.8),
    ("Stadium", "Westpark", "STD", 24, "N", S_LAUNCH, None, 0.9),
    ("Rose Garden", "Westpark", "STD", 12, "N", S_LAUNCH, None, 0.6),
    ("Westpark Lido", "Westpark", "STD", 14, "N", S_LAUNCH, None, 0.7),
    ("Lock Keeper's Cottage", "Canal District", "STD", 12, "N", S_LAUNCH, None, 0.6),
    ("Canal Basin", "Canal District", "STD", 20, "N", S_LAUNCH, None, 1.1),
    ("Printworks", "Canal District", "STD", 16, "N", S_LAUNCH, None, 0.9),
    ("Towpath East", "Canal District", "STD", 12, "N", S_LAUNCH, None, 0.5),
    ("Arts Centre", "Canal District", "STD", 18, "Y", S_LAUNCH, None, 1.0),
    ("Tram Depot", "Canal District", "STD", 14, "N", S_LAUNCH, None, 0.6),
    ("Wharf Street", "Harbourside", "STD", 14, "N", S_LAUNCH, None, 0.7),
    # Eastfield extension, 2024-05-06
    ("Eastfield Square", "Eastfield", "STD", 20, "N", S_EAST, None, 1.0),
    ("Eastfield Station", "Eastfield", "STD", 22, "Y", S_EAST, None, 1.1),
    ("Brickworks", "Eastfield", "STD", 14, "N", S_EAST, None, 0.5),
    ("Foundry Lane", "Eastfield", "STD", 12, "N", S_EAST, None, 0.5),
    ("Eastfield Retail Park", "Eastfield", "STD", 16, "N", S_EAST, None, 0.6),
    ("Meadow Estate", "Eastfield", "STD", 12, "N", S_EAST, None, 0.4),
    # mobility hubs opened with the e-bike expansion, 2025-04-01
    ("University Hub", "University Quarter", "HUB", 36, "Y", S_HUBS, None, 1.8),
    ("Harbour Hub", "Harbourside", "HUB", 32, "Y", S_HUBS, None, 1.5),
    ("Eastfield Hub", "Eastfield", "HUB", 30, "Y", S_HUBS, None, 1.2),
    # summer pop-up stations
    ("Beach Promenade Pop-up", "Harbourside", "POP", 30, "N", date(2025, 6, 1), date(2025, 9, 15), 1.6),
    ("Summer Festival Pop-up", "Westpark", "POP", 30, "N", date(2026, 6, 1), date(2026, 9, 14), 1.6),
]
LAT0, LON0 = Decimal("51.20000"), Decimal("4.40000")
DISTRICT_POS = {"Old Town": (0, 0), "Harbourside": (-18, 25), "University Quarter": (22, 8),
                "Riverside": (-10, -20), "Northgate": (38, -5), "Westpark": (5, -38),
                "Eastfield": (10, 45), "Canal District": (-25, -2)}
stations = []
for i, s in enumerate(STATIONS):
    sid = 101 + i
    dy, dx = DISTRICT_POS[s[1]]
    lat = (LAT0 + Decimal(dy + rng.randint(-6, 6)) / 1000).quantize(Decimal("0.00001"))
    lon = (LON0 + Decimal(dx + rng.randint(-6, 6)) / 1000 + Decimal(rng.randint(0, 99)) / 100000).quantize(Decimal("0.00001"))
    stations.append({"id": sid, "code": f"TC{sid:03d}", "name": s[0], "district": s[1], "type": s[2], "docks": s[3],
                     "charging": s[4], "opened": s[5], "closed": s[6], "pop": s[7], "lat": lat, "lon": lon})
ST = {s["id"]: s for s in stations}


def station_open(s, d):
    return s["opened"] <= d and (s["closed"] is None or d < s["closed"])


# --------------------------------------------------------------------------------------------
# 2. Bikes
# --------------------------------------------------------------------------------------------
bikes = []   # dicts: type C/E, model, battery, start, end, reason


def new_bike(btype, model, start):
    bikes.append({"type": btype, "model": model, "battery": (None if btype == "C" else (500 if model == "Volt E2" else 625)),
                  "start": start, "end": None, "reason": None})


for _ in range(250):
    new_bike("C", "Urbano 2", LAUNCH)
for _ in range(40):
    new_bike("E", "Volt E2", LAUNCH)
for _ in range(30):
    new_bike("C", "Urbano 3", S_EAST)
for _ in range(80):
    new_bike("E", "Volt E3", S_HUBS)
for _ in range(30):
    new_bike("E", "Volt E3", date(2026, 4, 15))

# retirements: thefts, vandalism write-offs; replacements arrive 30-60 days later
i = 0
while i < len(bikes):
    b = bikes[i]
    d = b["start"] + timedelta(days=30)
    while d <= LAST_DAY:
        r = rng.random()
        p_theft = 1 / 5200 if b["type"] == "C" else 1 / 4200
        if r < p_theft:
            b["end"], b["reason"] = d, "THEFT"
        elif r < p_theft + 1 / 7000:
            b["end"], b["reason"] = d, "VANDAL"
        if b["end"]:
            rep = d + timedelta(days=rng.randint(30, 60))
            if rep <= LAST_DAY:
                new_bike(b["type"], "Urbano 3" if b["type"] == "C" else "Volt E3", rep)
            break
        d += timedelta(days=1)
    i += 1
# the oldest Urbano 2 frames with cracked forks are retired in June 2026 (end of life) and replaced
eol_candidates = [b for b in bikes if b["model"] == "Urbano 2" and b["end"] is None]
for b in rng.sample(eol_candidates, 24):
    b["end"], b["reason"] = date(2026, 6, rng.randint(1, 26)), "EOL"
    new_bike("C", "Urbano 3", b["end"] + timedelta(days=rng.randint(3, 20)))

bikes.sort(key=lambda b: (b["start"], 0 if b["type"] == "C" else 1))
counters = {"C": 0, "E": 0}
for n, b in enumerate(bikes):
    b["id"] = 5001 + n
    counters[b["type"]] += 1
    b["frame"] = f"TC-{b['type']}-{counters[b['type']]:04d}"
BIKE = {b["id"]: b for b in bikes}


def bike_in_service(b, d):
    return b["start"] <= d and (b["end"] is None or d < b["end"])


# --------------------------------------------------------------------------------------------
# 3. Members and membership invoices
# --------------------------------------------------------------------------------------------
FIRST = ["Emma", "Liam", "Olivia", "Noah", "Sophie", "Lucas", "Mila", "Finn", "Julia", "Daan", "Sara", "Sem",
         "Anna", "Lars", "Eva", "Jonas", "Lotte", "Milan", "Nina", "Thomas", "Ines", "Hugo", "Clara", "Mats",
         "Fleur", "Ruben", "Zoe", "Bram", "Lena", "Jasper", "Maya", "Stijn", "Amira", "Youssef", "Elif", "Mehmet",
         "Priya", "Arjun", "Chloe", "Mateo", "Alice", "Victor", "Hannah", "Oscar", "Laura", "Felix", "Marta", "Pablo",
         "Ella", "Leon", "Iris", "Tobias", "Nora", "Karim", "Sofia", "Elias", "Ada", "Bas", "Yara", "Tim"]
LAST = ["Jansen", "de Vries", "Peeters", "Maes", "Janssens", "Visser", "Smit", "Meijer", "Bakker", "Mulder",
        "Claes", "Willems", "Wouters", "Dubois", "Lambert", "Martin", "Leroy", "Moreau", "Schmidt", "Weber",
        "Fischer", "Keller", "Novak", "Kowalski", "Horvat", "Rossi", "Ferrari", "Garcia", "Lopez", "Silva",
        "Costa", "Yilmaz", "Demir", "El Amrani", "Benali", "Okafor", "Mensah", "Nguyen", "Tran", "Kim",
        "Patel", "Singh", "O'Brien", "Murphy", "Byrne", "Hughes", "Evans", "Berg", "Lund", "Holm"]
AGE_BANDS = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
PLAN_PRICE = {  # (price until 2025-12-31, price from 2026-01-01)
    "ANN": (Decimal("99.00"), Decimal("119.00")),
    "MON": (Decimal("12.00"), Decimal("14.00")),
    "STU": (Decimal("59.00"), Decimal("65.00")),
}
PRICE_RISE = date(2026, 1, 1)
FARE_CHANGE = date(2026, 3, 1)


def plan_price(plan, d):
    return PLAN_PRICE[plan][1 if d >= PRICE_RISE else 0]


SEASON = {1: 0.45, 2: 0.52, 3: 0.72, 4: 0.95, 5: 1.12, 6: 1.30, 7: 1.36, 8: 1.22, 9: 1.20, 10: 0.96, 11: 0.66, 12: 0.50}
SIGNUP_SEASON = {1: 0.6, 2: 0.7, 3: 1.1, 4: 1.5, 5: 1.4, 6: 1.2, 7: 1.0, 8: 0.9, 9: 1.5, 10: 1.0, 11: 0.6, 12: 0.5}

members = []
emails = set()
for d in daterange(LAUNCH, LAST_DAY):
    years = (d - LAUNCH).days / 365.25
    lam = (1.7 + 0.45 * years) * SIGNUP_SEASON[d.month] * (3.0 if d < LAUNCH + timedelta(days=30) else 1.0)
    # Poisson draw
    n, p, L = 0, 1.0, math.exp(-lam)
    while True:
        p *= rng.random()
        if p <= L:
            break
        n += 1
    for _ in range(n):
        plan = rng.choices(["ANN", "MON", "STU"], [38, 46, 16])[0]
        if plan == "STU":
            age = rng.choices(AGE_BANDS, [80, 20, 0, 0, 0, 0])[0]
        else:
            age = rng.choices(AGE_BANDS, [10, 34, 25, 16, 10, 5])[0]
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = (first + "." + last).lower().replace(" ", "").replace("'", "")
        while True:
            email = f"{slug}{rng.randint(1, 999)}@mail.example"
            if email not in emails:
                emails.add(email)
                break
        home = rng.choices(DISTRICTS, [14, 12, 16, 11, 12, 11, 10 if d >= S_EAST else 3, 14])[0]
        members.append({"signup": d, "plan": plan, "age": age, "first": first, "last": last, "email": email,
                        "phone": f"+999 6{rng.randint(0, 99999999):08d}", "home": home,
                        "optin": "Y" if rng.random() < 0.42 else "N",
                        "method": rng.choices(["CC", "SDD", "PP"], [55, 35, 10])[0],
                        "activity": rng.lognormvariate(0, 0.9) * (1.3 if plan == "STU" else 1.0)})
members.sort(key=lambda m: (m["signup"], m["email"]))

payments = []   # [member, invoice_date, period_start, period_end, amount, status, method, paid_on]
for n, m in enumerate(members):
    m["id"] = 200001 + n
    m["number"] = f"TC-{m['id'] + 300000:06d}"
    m["cancel"], m["reason"], m["suspended_from"], m["status"] = None, None, None, "A"
    step = 1 if m["plan"] == "MON" else 12
    inv = m["signup"]
    k = 0
    while inv <= LAST_DAY:
        # renewal decision (not for the first invoice)
        if k > 0:
            if m["plan"] == "MON":
                p_cancel = 0.06 if inv.month in (11, 12, 1, 2) else 0.035
            elif m["plan"] == "ANN":
                p_cancel = 0.36 if inv >= PRICE_RISE else 0.26
            else:
                p_cancel = 0.45
            if rng.random() < p_cancel:
                m["cancel"] = inv
                if inv >= PRICE_RISE and rng.random() < 0.45:
                    m["reason"] = "PRC"
                else:
                    m["reason"] = rng.choices(["MOV", "PRC", "USE", "CMP", "OTH"], [26, 14, 34, 10, 16])[0]
                break
        price = plan_price(m["plan"], inv)
        r = rng.random()
        if r < 0.018:
            status = "FAIL"
        elif r < 0.022:
            status = "RFND"
        else:
            status = "PAID"
        paid_on = None
        if status in ("PAID", "RFND"):
            paid_on = inv + timedelta(days=2 if m["method"] == "SDD" else 0)
            if paid_on > LAST_DAY:
                status, paid_on = "PEND", None
        payments.append([m, inv, inv, add_months(inv, step) - timedelta(days=1), price, status, m["method"], paid_on])
        if status == "FAIL":
            # no payment: blocked at once, cancelled for non-payment 14 days later
            m["suspended_from"] = inv
            if inv + timedelta(days=14) <= LAST_DAY:
                m["cancel"], m["reason"] = inv + timedelta(days=14), "NPY"
            else:
                m["status"] = "S"
            break
        k += 1
        inv = add_months(m["signup"], step * k)
    if m["cancel"]:
        m["status"] = "C"
    m["ride_end"] = m["suspended_from"] or m["cancel"]   # no rides on or after this day

payments.sort(key=lambda p: (p[1], p[0]["id"]))
inv_seq = {}
for n, p in enumerate(payments):
    y = p[1].year
    inv_seq[y] = inv_seq.get(y, 0) + 1
    p.insert(0, 700001 + n)
    p.insert(1, f"INV-{y}-{inv_seq[y]:06d}")
# p = [payment_id, invoice_no, member, invoice_date, period_start, period_end, amount, status, method, paid_on]

# --------------------------------------------------------------------------------------------
# 4. Trips
# --------------------------------------------------------------------------------------------
HOURS_WEEKDAY = [1, 0.5, 0.3, 0.2, 0.3, 1, 3, 8, 10, 5, 3.5, 3.5, 4.5, 4, 3.5, 4.5, 7, 9.5, 7.5, 5, 3.5, 2.5, 2, 1.5]
HOURS_WEEKEND = [1.5, 1, 0.6, 0.3, 0.2, 0.3, 0.6, 1.2, 2.5, 4, 5.5, 6.5, 7, 7, 7, 6.5, 6, 5, 4, 3, 2.5, 2, 1.8, 1.5]
TOURIST = {"Harbourside": 1.6, "Old Town": 1.4}

trips = []   # [start_dt, end_dt, bike, member or None, start_sid, end_sid, distance_m, fare_cents]
members_by_signup = list(members)
for d in daterange(LAUNCH, LAST_DAY):
    years = (d - LAUNCH).days / 365.25
    weekend = d.weekday() >= 5
    lam = (24 + 11.5 * years) * SEASON[d.month] * (0.85 if weekend else 1.06)
    if d.month == 12 and d.day >= 24 or (d.month == 1 and d.day == 1):
        lam *= 0.5
    n = max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    if n == 0:
        continue
    open_st = [s for s in stations if station_open(s, d)]
    by_district = {}
    for s in open_st:
        by_district.setdefault(s["district"], []).append(s)
    fleet = {"C": [b for b in bikes if b["type"] == "C" and bike_in_service(b, d)],
             "E": [b for b in bikes if b["type"] == "E" and bike_in_service(b, d)]}
    e_share = len(fleet["E"]) / (len(fleet["C"]) + len(fleet["E"]))
    active = [m for m in members if m["signup"] <= d and (m["ride_end"] is None or d < m["ride_end"])]
    act_cum = list(itertools.accumulate(m["activity"] for m in active))
    w_member = [s["pop"] for s in open_st]
    w_casual = [s["pop"] * TOURIST.get(s["district"], 1.0) for s in open_st]
    p_member = (0.58 if weekend else 0.74) - (0.08 if d.month in (6, 7, 8) else 0)
    hours = HOURS_WEEKEND if weekend else HOURS_WEEKDAY
    day_trips = []
    for _ in range(n):
        member = None
        if active and rng.random() < p_member:
            member = rng.choices(active, cum_weights=act_cum)[0]
        if member and member["home"] in by_district and rng.random() < 0.5:
            start = rng.choice(by_district[member["home"]])
        else:
            start = rng.choices(open_st, w_member if member else w_casual)[0]
        p_e = min(0.75, e_share * (1.5 if member else 1.9))
        btype = "E" if rng.random() < p_e else "C"
        bike = rng.choice(fleet[btype])
        hour = rng.choices(range(24), hours)[0]
        t0 = datetime(d.year, d.month, d.day, hour, rng.randint(0, 59), rng.randint(0, 59))
        round_trip = rng.random() < (0.03 if member else 0.09)
        if member:
            minutes = rng.lognormvariate(math.log(11), 0.55)
        else:
            minutes = rng.lognormvariate(math.log(19), 0.68)
        if btype == "E":
            minutes *= 0.85
        if round_trip:
            minutes *= 1.6
        secs = int(min(max(minutes * 60, 75), 4 * 3600 - 1)) + rng.randint(0, 59)
        t1 = t0 + timedelta(seconds=secs)
        if round_trip:
            end = start
        elif rng.random() < 0.5 and len(by_district[start["district"]]) > 1:
            end = rng.choice([s for s in by_district[start["district"]] if s is not start])
        else:
            end = rng.choices([s for s in open_st if s is not start], [s["pop"] for s in open_st if s is not start])[0]
        speed = 16.0 if btype == "E" else 11.5
        dist = None
        if rng.random() > 0.015:   # no GPS fix on ~1.5 % of rides
            dist = int(secs / 3600 * speed * rng.uniform(0.55, 0.95) * (0.7 if round_trip else 1.0) * 1000)
        billed = -(-secs // 60)
        new_prices = d >= FARE_CHANGE
        if member:
            if btype == "E":
                cents = billed * (12 if new_prices else 10)
            else:
                cents = max(0, billed - 45) * 10
        else:
            unlock = 120 if new_prices else 100
            per_min = (35 if new_prices else 30) if btype == "E" else (22 if new_prices else 20)
            cents = unlock + billed * per_min
        day_trips.append([t0, t1, bike, member, start["id"], end["id"], dist, cents])
    day_trips.sort(key=lambda t: (t[0], t[4], t[2]["id"]))
    trips.extend(day_trips)

for n, t in enumerate(trips):
    t.insert(0, 1000001 + n)
# t = [trip_id, start_dt, end_dt, bike, member, start_sid, end_sid, distance_m, fare_cents]

# --------------------------------------------------------------------------------------------
# 5. Maintenance work orders
# --------------------------------------------------------------------------------------------
ISSUES_C = (["TYRE", "BRAKE", "CHAIN", "LIGHT", "VAND", "FRAME"], [30, 22, 18, 12, 10, 8])
ISSUES_E = (["TYRE", "BRAKE", "BATT", "MOTOR", "LIGHT", "CHAIN", "VAND", "FRAME"], [20, 18, 20, 12, 8, 8, 8, 6])
REPAIR_DAYS = {"TYRE": (0, 2), "BRAKE": (0, 3), "CHAIN": (0, 3), "LIGHT": (0, 2), "VAND": (2, 10), "FRAME": (3, 14),
               "BATT": (2, 21), "MOTOR": (3, 25), "SERV": (0, 1)}
PARTS = {"TYRE": (8, 25), "BRAKE": (10, 40), "CHAIN": (12, 35), "LIGHT": (6, 20), "VAND": (20, 180), "FRAME": (60, 260),
         "BATT": (180, 420), "MOTOR": (150, 480), "SERV": (0, 15)}
LABOUR = {"TYRE": (15, 40), "BRAKE": (20, 60), "CHAIN": (20, 50), "LIGHT": (10, 30), "VAND": (40, 150),
          "FRAME": (60, 180), "BATT": (20, 60), "MOTOR": (60, 180), "SERV": (30, 60)}
orders = []   # [bike, opened, closed, issue, channel, status, preventive, labour_cost, parts_cost]
for b in bikes:
    last_service = b["start"]
    end = min(b["end"] - timedelta(days=1) if b["end"] else LAST_DAY, LAST_DAY)
    busy_until = b["start"]
    for d in daterange(b["start"] + timedelta(days=7), end):
        if d < busy_until:
            continue
        issue = None
        if (d - last_service).days >= 180:
            issue, preventive, channel = "SERV", "Y", "DEPOT"
            last_service = d
        elif rng.random() < (1 / 150 if b["type"] == "C" else 1 / 95) * (1.25 if d.month in (6, 7, 8, 9) else 1.0):
            names, weights = ISSUES_C if b["type"] == "C" else ISSUES_E
            issue, preventive = rng.choices(names, weights)[0], "N"
            channel = rng.choices(["APP", "PATROL", "DEPOT"], [45, 30, 25])[0]
        if issue is None:
            continue
        lo, hi = REPAIR_DAYS[issue]
        days = rng.randint(lo, hi)
        closed = d + timedelta(days=days)
        labour = d2(Decimal(rng.randint(*LABOUR[issue])) * Decimal("0.75"))
        parts = d2(Decimal(rng.randint(PARTS[issue][0] * 100, PARTS[issue][1] * 100)) / 100)
        if issue == "SERV" and rng.random() < 0.6:
            parts = Decimal("0.00")
        if closed > LAST_DAY:
            status = "W" if issue in ("BATT", "MOTOR", "FRAME") else "O"
            orders.append([b, d, None, issue, channel, status, preventive, None, None])
        else:
            orders.append([b, d, closed, issue, channel, "C", preventive, labour, parts])
        busy_until = closed + timedelta(days=1)
orders.sort(key=lambda o: (o[1], o[0]["id"]))
wo_seq = {}
for n, o in enumerate(orders):
    y = o[1].year
    wo_seq[y] = wo_seq.get(y, 0) + 1
    o.insert(0, 900001 + n)
    o.insert(1, f"WO-{y}-{wo_seq[y]:05d}")
# o = [wo_id, wo_number, bike, opened, closed, issue, channel, status, preventive, labour_cost, parts_cost]

# --------------------------------------------------------------------------------------------
# 6. Seeds (raw extracts)
# --------------------------------------------------------------------------------------------
def fmt(v):
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
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


PLANS = [("ANN", "Annual", "year", 45), ("MON", "Monthly", "month", 45), ("STU", "Student Annual", "year", 45)]
write_seed("raw_plans", ["plan_code", "plan_name", "billing_interval", "included_minutes"], PLANS)
write_seed("raw_stations",
           ["station_id", "station_code", "station_name", "district", "station_type", "dock_count", "latitude",
            "longitude", "opened_on", "closed_on", "has_charging"],
           [[s["id"], s["code"], s["name"], s["district"], s["type"], s["docks"], s["lat"], s["lon"], s["opened"],
             s["closed"], s["charging"]] for s in stations])
write_seed("raw_bikes",
           ["bike_id", "frame_number", "bike_type", "model", "battery_wh", "commissioned_on", "decommissioned_on",
            "decommission_reason"],
           [[b["id"], b["frame"], b["type"], b["model"], b["battery"], b["start"], b["end"], b["reason"]] for b in bikes])
write_seed("raw_members",
           ["member_id", "member_no", "first_name", "last_name", "email", "phone", "age_band", "home_district",
            "plan_code", "status", "signup_date", "cancel_date", "cancel_reason", "marketing_opt_in"],
           [[m["id"], m["number"], m["first"], m["last"], m["email"], m["phone"], m["age"], m["home"], m["plan"],
             m["status"], m["signup"], m["cancel"], m["reason"], m["optin"]] for m in members])
write_seed("raw_trips",
           ["ride_id", "bike_id", "member_id", "start_station_id", "end_station_id", "started_at", "ended_at",
            "distance_m", "fare_cents", "currency"],
           [[t[0], t[3]["id"], t[4]["id"] if t[4] else None, t[5], t[6], t[1], t[2], t[7], t[8], "EUR"] for t in trips])
write_seed("raw_work_orders",
           ["wo_id", "wo_number", "bike_id", "opened_on", "closed_on", "issue_code", "channel", "status_code",
            "preventive", "labour_cost_eur", "parts_cost_eur"],
           [[o[0], o[1], o[2]["id"], o[3], o[4], o[5], o[6], o[7], o[8], o[9], o[10]] for o in orders])
write_seed("raw_payments",
           ["payment_id", "invoice_no", "member_id", "invoice_date", "period_start", "period_end", "amount_eur",
            "currency", "status_code", "method_code", "paid_on"],
           [[p[0], p[1], p[2]["id"], p[3], p[4], p[5], p[6], "EUR", p[7], p[8], p[9]] for p in payments])

# --------------------------------------------------------------------------------------------
# 7. Marts (schema mobility), computed independently of the dbt SQL
# --------------------------------------------------------------------------------------------
STATION_TYPE = {"STD": "standard", "HUB": "mobility_hub", "POP": "pop_up"}
BIKE_TYPE = {"C": "CLASSIC", "E": "EBIKE"}
RETIRE = {"THEFT": "theft", "VANDAL": "vandalism", "EOL": "end_of_life"}
PLAN_CODE = {"ANN": "ANNUAL", "MON": "MONTHLY", "STU": "STUDENT"}
PLAN_NAME = {p[0]: p[1] for p in PLANS}
MEMBER_STATUS = {"A": "active", "S": "suspended", "C": "cancelled"}
CANCEL = {"MOV": "moved_away", "PRC": "too_expensive", "USE": "not_using_enough", "CMP": "switched_provider",
          "OTH": "other", "NPY": "non_payment"}
ISSUE = {"TYRE": "TYRE", "BRAKE": "BRAKES", "CHAIN": "DRIVETRAIN", "LIGHT": "LIGHTS", "VAND": "VANDALISM",
         "FRAME": "FRAME", "BATT": "BATTERY", "MOTOR": "MOTOR", "SERV": "SERVICE"}
CHANNEL = {"APP": "rider_app", "PATROL": "street_patrol", "DEPOT": "workshop"}
WO_STATUS = {"O": "open", "W": "waiting_for_parts", "C": "closed"}
PAY_STATUS = {"PAID": "paid", "FAIL": "failed", "RFND": "refunded", "PEND": "pending"}
METHOD = {"CC": "card", "SDD": "sepa_direct_debit", "PP": "paypal"}

mart = {}
mart["dim_stations"] = (
    [("station_id", "integer"), ("station_code", "text"), ("station_name", "text"), ("district", "text"),
     ("station_type", "text"), ("dock_count", "integer"), ("has_charging", "boolean"), ("latitude", "numeric(8,5)"),
     ("longitude", "numeric(8,5)"), ("opened_date", "date"), ("closed_date", "date"), ("is_operating", "boolean")],
    [[s["id"], s["code"], s["name"], s["district"], STATION_TYPE[s["type"]], s["docks"], s["charging"] == "Y",
      s["lat"], s["lon"], s["opened"], s["closed"], s["closed"] is None or s["closed"] > AS_OF] for s in stations])

mart["dim_bikes"] = (
    [("bike_id", "integer"), ("frame_number", "text"), ("bike_type", "text"), ("model", "text"),
     ("battery_capacity_wh", "integer"), ("in_service_date", "date"), ("retired_date", "date"),
     ("retirement_reason", "text"), ("is_in_service", "boolean")],
    [[b["id"], b["frame"], BIKE_TYPE[b["type"]], b["model"], b["battery"], b["start"], b["end"],
      RETIRE.get(b["reason"]), b["start"] <= AS_OF and (b["end"] is None or b["end"] > AS_OF)] for b in bikes])

trip_count, last_trip = {}, {}
for t in trips:
    if t[4]:
        mid = t[4]["id"]
        trip_count[mid] = trip_count.get(mid, 0) + 1
        last_trip[mid] = max(last_trip.get(mid, t[1].date()), t[1].date())
mart["dim_members"] = (
    [("member_id", "integer"), ("member_number", "text"), ("first_name", "text"), ("last_name", "text"),
     ("full_name", "text"), ("email", "text"), ("phone", "text"), ("age_band", "text"), ("home_district", "text"),
     ("plan_code", "text"), ("plan_name", "text"), ("membership_status", "text"), ("signup_date", "date"),
     ("cancellation_date", "date"), ("cancellation_reason", "text"), ("is_active", "boolean"),
     ("has_marketing_consent", "boolean"), ("lifetime_trip_count", "integer"), ("last_trip_date", "date")],
    [[m["id"], m["number"], m["first"], m["last"], f"{m['first']} {m['last']}", m["email"], m["phone"], m["age"],
      m["home"], PLAN_CODE[m["plan"]], PLAN_NAME[m["plan"]], MEMBER_STATUS[m["status"]], m["signup"], m["cancel"],
      CANCEL.get(m["reason"]), m["status"] == "A", m["optin"] == "Y", trip_count.get(m["id"], 0),
      last_trip.get(m["id"])] for m in members])


def minutes_1dp(t0, t1):
    return (Decimal(int((t1 - t0).total_seconds())) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)


trip_rows = []
for t in trips:
    dur = minutes_1dp(t[1], t[2])
    trip_rows.append([
        t[0], t[1], t[2], t[1].date(), t[5], t[6], t[3]["id"], BIKE_TYPE[t[3]["type"]],
        t[4]["id"] if t[4] else None, "member" if t[4] else "casual", dur,
        None if t[7] is None else (Decimal(t[7]) / 1000).quantize(CENT, ROUND_HALF_UP),
        (Decimal(t[8]) / 100).quantize(CENT), "EUR", dur > 45, t[5] == t[6]])
mart["fct_trips"] = (
    [("trip_id", "bigint"), ("started_at", "timestamp without time zone"), ("ended_at", "timestamp without time zone"),
     ("start_date", "date"), ("start_station_id", "integer"), ("end_station_id", "integer"), ("bike_id", "integer"),
     ("bike_type", "text"), ("member_id", "integer"), ("rider_type", "text"), ("duration_minutes", "numeric(6,1)"),
     ("distance_km", "numeric(6,2)"), ("fare_amount", "numeric(8,2)"), ("currency_code", "text"),
     ("is_long_trip", "boolean"), ("is_round_trip", "boolean")],
    trip_rows)

mart["fct_work_orders"] = (
    [("work_order_id", "integer"), ("work_order_number", "text"), ("bike_id", "integer"), ("opened_date", "date"),
     ("closed_date", "date"), ("issue_type", "text"), ("reported_via", "text"), ("work_order_status", "text"),
     ("is_preventive", "boolean"), ("labour_cost_eur", "numeric(8,2)"), ("parts_cost_eur", "numeric(8,2)"),
     ("total_cost_eur", "numeric(8,2)"), ("repair_days", "integer"), ("is_open", "boolean")],
    [[o[0], o[1], o[2]["id"], o[3], o[4], ISSUE[o[5]], CHANNEL[o[6]], WO_STATUS[o[7]], o[8] == "Y", o[9], o[10],
      None if o[9] is None else o[9] + o[10], None if o[4] is None else (o[4] - o[3]).days, o[7] != "C"]
     for o in orders])

seen_member = set()
pay_rows = []
for p in sorted(payments, key=lambda p: (p[2]["id"], p[3], p[0])):
    first = p[2]["id"] not in seen_member
    seen_member.add(p[2]["id"])
    pay_rows.append((p, not first))
pay_rows.sort(key=lambda x: x[0][0])
mart["fct_membership_payments"] = (
    [("payment_id", "integer"), ("invoice_number", "text"), ("member_id", "integer"), ("plan_code", "text"),
     ("invoice_date", "date"), ("billing_period_start", "date"), ("billing_period_end", "date"),
     ("paid_date", "date"), ("amount", "numeric(8,2)"), ("currency_code", "text"), ("payment_status", "text"),
     ("payment_method", "text"), ("is_renewal", "boolean")],
    [[p[0], p[1], p[2]["id"], PLAN_CODE[p[2]["plan"]], p[3], p[4], p[5], p[9], p[6], "EUR", PAY_STATUS[p[7]],
      METHOD[p[8]], renewal] for p, renewal in pay_rows])

# --------------------------------------------------------------------------------------------
# 8. load.sql
# --------------------------------------------------------------------------------------------
def sql_literal(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime):
        return "'" + v.strftime("%Y-%m-%d %H:%M:%S") + "'"
    if isinstance(v, date):
        return f"'{v.isoformat()}'"
    if isinstance(v, (int, Decimal)):
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


MART_ORDER = ["dim_stations", "dim_bikes", "dim_members", "fct_trips", "fct_work_orders", "fct_membership_payments"]
with open(os.path.join(HERE, "load.sql"), "w", encoding="utf-8", newline="\n") as f:
    f.write("-- Tandem Cycles bike sharing: schema `mobility`, exactly as `dbt build` materialises it.\n")
    f.write("-- Generated by gen_seeds.py (seed %d, as-of date %s). Do not edit by hand.\n" % (SEED, AS_OF.isoformat()))
    f.write("-- Load with: psql -v ON_ERROR_STOP=1 -d <database> -f load.sql\n\n")
    f.write("set client_min_messages = warning;\nbegin;\ndrop schema if exists mobility cascade;\ncreate schema mobility;\n")
    for name in MART_ORDER:
        cols, rows = mart[name]
        f.write(f"\ncreate table mobility.{name} (\n")
        f.write(",\n".join(f"    {c} {t}" for c, t in cols))
        f.write("\n);\n")
        collist = ", ".join(c for c, _ in cols)
        for i in range(0, len(rows), 500):
            chunk = rows[i:i + 500]
            f.write(f"insert into mobility.{name} ({collist}) values\n")
            f.write(",\n".join("(" + ", ".join(sql_literal(v) for v in row) + ")" for row in chunk))
            f.write(";\n")
    f.write("\ncommit;\nanalyze;\n")

if __name__ == "__main__":
    import sys
    for name in MART_ORDER:
        print(f"mobility.{name}: {len(mart[name][1])} rows", file=sys.stderr)
    for name, n in counts.items():
        print(f"seeds/{name}.csv: {n} rows", file=sys.stderr)
