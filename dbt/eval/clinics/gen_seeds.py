#!/usr/bin/env python3
"""Generate the raw seeds and load.sql for the Harbor Vets clinics suite.

Standard library only, one fixed seed: every run writes byte-identical files.

    python3 gen_seeds.py            # writes seeds/raw_*.csv and load.sql next to this file

What it simulates (all fictional; every name, email and phone number is fake):
  * Harbor Vets, a chain of 12 veterinary clinics in the United Kingdom (GBP) and Ireland (EUR):
    general practices, two 24-hour emergency clinics and two specialty (referral) hospitals.
  * The practice management system holds every client and pet registered, every appointment
    scheduled from 2024-01-01 (and the ones already booked for after the extract date), the
    invoice lines of completed appointments and the vaccinations given, up to the extract date
    2026-08-31.
  * Stories: the Leeds clinic opened on 2026-03-02; list prices rose by about 7% on 2026-03-01;
    the Bristol orthopaedic surgeon left on 2026-05-29 and her successor started on 2026-07-06
    (no orthopaedic surgery in between); tick and flea treatments peak from May to September;
    emergencies peak in summer and around Christmas; vaccination boosters follow due dates,
    with late and lapsed pets.

load.sql rebuilds schema `vet` with exactly the rows and column types that `dbt build`
produces from these seeds, so the suite can be used without dbt (check.sh proves it).
"""
import csv
import math
import os
import random
from datetime import date, datetime, timedelta
from decimal import Decimal, ROUND_HALF_UP

SEED = 20260831
AS_OF = date(2026, 8, 31)
WINDOW_START = date(2024, 1, 1)
HORIZON = date(2026, 10, 31)          # future bookings are simulated up to here, kept if booked by AS_OF
PRICE_RISE = date(2026, 3, 1)
HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "seeds")
CENT = Decimal("0.01")
EUR_TO_GBP = Decimal("0.85")          # group reporting rate, fixed for the plan year

rng = random.Random(SEED)


def money(x):
    return Decimal(x).quantize(CENT, ROUND_HALF_UP)


def half(x):
    """Round a price to the nearest 0.50."""
    return (Decimal(x) * 2).quantize(Decimal("1"), ROUND_HALF_UP) / 2


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    last = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return date(y, m, min(d.day, last))


def rand_date(a, b):
    return a + timedelta(days=rng.randint(0, (b - a).days))


def weighted(pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


# --------------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------------
# id, code, name, city, region, country, type code, opened, exam rooms, initial clients, new clients / month
CLINICS = [
    (1, "LON-CAM", "Harbor Vets Camden", "London", "London & South East", "GB", "GEN", date(2011, 5, 2), 4, 340, 11),
    (2, "LON-CLA", "Harbor Vets Clapham Emergency", "London", "London & South East", "GB", "EMR", date(2014, 9, 1), 5, 260, 14),
    (3, "BTN", "Harbor Vets Brighton", "Brighton", "London & South East", "GB", "GEN", date(2016, 3, 14), 3, 300, 9),
    (4, "BRS", "Harbor Vets Bristol Referrals", "Bristol", "South West", "GB", "SPC", date(2013, 6, 3), 6, 210, 9),
    (5, "EXE", "Harbor Vets Exeter", "Exeter", "South West", "GB", "GEN", date(2018, 10, 1), 3, 260, 8),
    (6, "MAN", "Harbor Vets Didsbury", "Manchester", "North of England", "GB", "GEN", date(2015, 1, 12), 4, 320, 10),
    (7, "MAN-ER", "Harbor Vets Manchester Emergency", "Manchester", "North of England", "GB", "EMR", date(2019, 11, 4), 4, 220, 12),
    (8, "LDS", "Harbor Vets Leeds", "Leeds", "North of England", "GB", "GEN", date(2026, 3, 2), 3, 0, 30),
    (9, "DUB-RAN", "Harbor Vets Ranelagh", "Dublin", "Ireland", "IE", "GEN", date(2017, 4, 3), 4, 310, 10),
    (10, "DUB-SWO", "Harbor Vets Swords", "Dublin", "Ireland", "IE", "GEN", date(2020, 2, 3), 3, 250, 9),
    (11, "DUB-AH", "Harbor Vets Dublin Animal Hospital", "Dublin", "Ireland", "IE", "SPC", date(2012, 9, 17), 5, 180, 7),
    (12, "CRK", "Harbor Vets Cork", "Cork", "Ireland", "IE", "GEN", date(2021, 6, 7), 3, 230, 8),
]
CLINIC = {c[0]: c for c in CLINICS}
CURRENCY = {"GB": "GBP", "IE": "EUR"}
VAT = {"GB": Decimal("20.0"), "IE": Decimal("13.5")}

FIRST = ["Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Noah", "Ivy", "Leo", "Freya",
         "Arthur", "Lily", "Charlie", "Grace", "Thomas", "Sophie", "James", "Emily", "William", "Chloe", "Henry",
         "Ella", "Oscar", "Evie", "Archie", "Ruby", "Alfie", "Poppy", "Sean", "Aoife", "Conor", "Niamh", "Cian",
         "Saoirse", "Darragh", "Ciara", "Liam", "Orla", "Priya", "Arjun", "Fatima", "Omar", "Zara", "Yusuf",
         "Hannah", "Daniel", "Rachel", "Samuel", "Laura", "Michael", "Sarah", "David", "Katie", "Ben", "Megan",
         "Tom", "Lucy", "Joe", "Anna", "Ryan", "Holly", "Adam", "Rebecca", "Luke", "Jessica", "Matthew", "Eleanor"]
LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
        "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
        "Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "O'Sullivan", "Walsh", "McCarthy", "Doyle", "Kennedy",
        "Lynch", "Khan", "Ali", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris",
        "King", "Harris", "Lewis", "Baker", "Shaw", "Mitchell", "Carter", "Phillips", "Fitzgerald", "Quinn",
        "Nolan", "Gallagher", "Brennan", "Dunne", "Power", "Hayes", "Ahmed", "Begum", "Singh", "Nowak"]
PET_NAMES = ["Bella", "Max", "Luna", "Charlie", "Daisy", "Milo", "Poppy", "Teddy", "Coco", "Bailey", "Rosie",
             "Alfie", "Lola", "Buddy", "Molly", "Ollie", "Nala", "Simba", "Willow", "Bear", "Ruby", "Archie",
             "Tilly", "Loki", "Pepper", "Biscuit", "Maple", "Shadow", "Ziggy", "Pip", "Hazel", "Oreo", "Jasper",
             "Mochi", "Bonnie", "Rocky", "Toffee", "Smudge", "Misty", "Murphy", "Fudge", "Cleo", "Winston",
             "Kiwi", "Sunny", "Thumper", "Nibbles", "Rex", "Penny", "Otis", "Honey", "Bruno", "Pickle", "Skye"]
# species code, share, breeds, weight range kg, life expectancy years
SPECIES = [
    ("CAN", 0.50, ["Labrador Retriever", "Cocker Spaniel", "French Bulldog", "Border Collie", "Cockapoo",
                   "Golden Retriever", "Dachshund", "Jack Russell Terrier", "German Shepherd", "Staffordshire Bull Terrier",
                   "Cavapoo", "Mixed breed"], (4, 40), 13),
    ("FEL", 0.36, ["Domestic Shorthair", "Domestic Longhair", "British Shorthair", "Maine Coon", "Ragdoll",
                   "Siamese", "Bengal"], (3, 7), 15),
    ("LAG", 0.07, ["Lionhead", "Netherland Dwarf", "Mini Lop", "Rex"], (1, 4), 9),
    ("AVI", 0.03, ["Budgerigar", "Cockatiel", "African Grey Parrot", "Canary"], (0, 1), 12),
    ("EXO", 0.04, ["Bearded Dragon", "Leopard Gecko", "Corn Snake", "Guinea Pig", "Hamster", "Tortoise", "Ferret"], (0, 3), 8),
]
SP = {s[0]: s for s in SPECIES}

# procedure code, name, raw category, list price GBP (before the 2026-03-01 increase)
PROCEDURES = [
    ("CONS-STD", "Standard consultation", "CONSULT", "48.00"),
    ("CONS-REF", "Specialist referral consultation", "CONSULT", "185.00"),
    ("CONS-FUP", "Follow-up consultation", "CONSULT", "26.00"),
    ("CONS-EMR", "Emergency consultation", "CONSULT", "145.00"),
    ("VAC-DHP", "Vaccine: distemper, hepatitis, parvovirus (DHP)", "VACCINE", "38.00"),
    ("VAC-LEPTO", "Vaccine: leptospirosis", "VACCINE", "52.00"),
    ("VAC-KC", "Vaccine: kennel cough", "VACCINE", "34.00"),
    ("VAC-RCP", "Vaccine: cat flu and enteritis (RCP)", "VACCINE", "55.00"),
    ("VAC-FELV", "Vaccine: feline leukaemia", "VACCINE", "36.00"),
    ("VAC-MRHD", "Vaccine: myxomatosis and RHD (rabbits)", "VACCINE", "49.00"),
    ("DIAG-BLOOD", "Blood panel", "DIAG", "95.00"),
    ("DIAG-XRAY", "X-ray", "DIAG", "160.00"),
    ("DIAG-US", "Ultrasound scan", "DIAG", "220.00"),
    ("DIAG-MRI", "MRI scan", "DIAG", "1450.00"),
    ("MED-ABX", "Antibiotics course", "MEDS", "22.50"),
    ("MED-PAIN", "Pain relief (NSAID)", "MEDS", "28.00"),
    ("MED-DERM", "Skin and allergy medication", "MEDS", "41.00"),
    ("PAR-TICK", "Tick and flea treatment (3 doses)", "PARASITE", "36.00"),
    ("PAR-WORM", "Worming treatment", "PARASITE", "14.50"),
    ("SURG-CAST", "Castration", "SURGERY", "210.00"),
    ("SURG-SPAY", "Spay", "SURGERY", "295.00"),
    ("SURG-LUMP", "Lump removal", "SURGERY", "380.00"),
    ("SURG-SOFT", "Soft tissue surgery", "SURGERY", "1150.00"),
    ("SURG-ORTHO", "Orthopaedic surgery (TPLO / fracture repair)", "SURGERY", "3200.00"),
    ("SURG-ANAES", "General anaesthetic", "SURGERY", "120.00"),
    ("DENT-SCALE", "Dental scale and polish", "DENTAL", "260.00"),
    ("DENT-EXTR", "Tooth extraction", "DENTAL", "65.00"),
    ("HOSP-DAY", "Hospitalisation (per day)", "HOSP", "140.00"),
]
PROC = {p[0]: p for p in PROCEDURES}
CATEGORY = {"CONSULT": "consultation", "VACCINE": "vaccine", "DIAG": "diagnostics", "MEDS": "medication",
            "PARASITE": "parasite_control", "SURGERY": "surgery", "DENTAL": "dental", "HOSP": "hospitalisation"}


def price(code, country, day):
    gbp = Decimal(PROC[code][3])
    p = gbp if country == "GB" else half(gbp * Decimal("1.15"))
    if day >= PRICE_RISE:
        p = half(p * Decimal("1.07"))
    return p.quantize(CENT)


# vaccine code -> months of validity, procedure
VACCINES = {"DHP": (36, "VAC-DHP"), "LEPTO": (12, "VAC-LEPTO"), "KC": (12, "VAC-KC"), "RCP": (12, "VAC-RCP"),
            "FELV": (12, "VAC-FELV"), "MRHD": (12, "VAC-MRHD")}

# --------------------------------------------------------------------------------------------
# Staff
# --------------------------------------------------------------------------------------------
staff = []          # dicts
used_emails = set()


def email_for(first, last, domain):
    base = f"{first}.{last}".lower().replace("'", "").replace(" ", "")
    e, n = f"{base}@{domain}", 1
    while e in used_emails:
        n += 1
        e = f"{base}{n}@{domain}"
    used_emails.add(e)
    return e


def new_staff(clinic_id, role, hired, left=None, specialty=None, contract="FT", first=None, last=None):
    first = first or rng.choice(FIRST)
    last = last or rng.choice(LAST)
    s = {"id": 2001 + len(staff), "clinic": clinic_id, "first": first, "last": last,
         "email": email_for(first, last, "harborvets.example"), "role": role, "specialty": specialty,
         "contract": contract, "hired": hired, "left": left}
    staff.append(s)
    return s


GP_SPECIALTIES = ["General Practice"] * 5 + ["Dentistry", "Exotics"]
SPC_SPECIALTIES = ["Soft Tissue Surgery", "Dermatology", "Cardiology", "Internal Medicine", "Diagnostic Imaging"]


def hire_before(opened):
    start = max(opened, date(2008, 1, 7))
    return rand_date(start, date(2023, 10, 30)) if start < date(2023, 10, 30) else start


for c in CLINICS:
    cid, ctype, opened = c[0], c[6], c[7]
    n_vets = {"GEN": 4, "EMR": 5, "SPC": 5}[ctype]
    if cid == 8:
        n_vets = 3
    for i in range(n_vets):
        if ctype == "SPC":
            spec = SPC_SPECIALTIES[i % len(SPC_SPECIALTIES)]
        elif ctype == "EMR":
            spec = "Emergency & Critical Care"
        else:
            spec = GP_SPECIALTIES[rng.randrange(len(GP_SPECIALTIES))] if i else "General Practice"
        contract = "PT" if rng.random() < 0.2 else "FT"
        hired = date(2026, 2, 2) + timedelta(days=7 * i) if cid == 8 else hire_before(opened)
        s = new_staff(cid, "VET", hired, specialty=spec, contract=contract)
        # turnover: some vets leave between 2024 and mid-2026 and are replaced
        if cid != 8 and rng.random() < 0.22:
            left = rand_date(date(2024, 2, 1), date(2026, 4, 30))
            s["left"] = left
            start = left + timedelta(days=rng.randint(14, 60))
            if start <= AS_OF:
                new_staff(cid, "VET", start, specialty=spec, contract=contract)
    for role, n in (("RVN", n_vets + 1), ("RCP", 2), ("PM", 1)):
        for i in range(n):
            hired = date(2026, 2, 2) if cid == 8 else hire_before(opened)
            s = new_staff(cid, role, hired, contract="PT" if role != "PM" and rng.random() < 0.3 else "FT")
            if cid != 8 and rng.random() < 0.2:
                left = rand_date(date(2024, 2, 1), date(2026, 6, 30))
                s["left"] = left
                start = left + timedelta(days=rng.randint(14, 75))
                if start <= AS_OF:
                    new_staff(cid, role, start, contract=s["contract"])

# Story: the Bristol orthopaedic surgeon leaves, a successor starts five weeks later.
ORTHO_OUT = new_staff(4, "VET", date(2016, 9, 5), left=date(2026, 5, 29), specialty="Orthopaedic Surgery",
                      first="Helen", last="Marsh")
ORTHO_IN = new_staff(4, "VET", date(2026, 7, 6), specialty="Orthopaedic Surgery", first="Tomasz", last="Kowalski")
# Dublin Animal Hospital has its own orthopaedic surgeon all along.
new_staff(11, "VET", date(2015, 3, 2), specialty="Orthopaedic Surgery")
# A few people left before 2024 would not be in the extract: only staff employed on/after 2024-01-01 exist.
for s in staff:
    if s["left"] is not None and s["left"] >= AS_OF:
        s["left"] = None


def vets_on(clinic_id, d):
    return [s for s in staff if s["clinic"] == clinic_id and s["role"] == "VET" and s["hired"] <= d
            and (s["left"] is None or s["left"] >= d)]


VETS_BY_CLINIC = {c[0]: [s for s in staff if s["clinic"] == c[0] and s["role"] == "VET"] for c in CLINICS}

# --------------------------------------------------------------------------------------------
# Clients and pets
# --------------------------------------------------------------------------------------------
clients, pets = [], []


def phone_for(country):
    if country == "GB":
        return f"07700 900{rng.randint(0, 999):03d}"
    return f"+353 85 555 {rng.randint(0, 9999):04d}"


def new_client(cid, signup):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    tier = weighted([("STD", 55), ("SLV", 25), ("GLD", 15), ("PLT", 5)])
    if signup > date(2025, 6, 1):
        tier = weighted([("STD", 80), ("SLV", 15), ("GLD", 5)])
    cl = {"id": 100001 + len(clients), "clinic": cid, "first": first, "last": last,
          "email": email_for(first, last, rng.choice(["mail.example", "post.example", "inbox.example"])),
          "phone": phone_for(CLINIC[cid][5]), "signup": signup, "tier": tier,
          "optin": "Y" if rng.random() < 0.58 else "N",
          "churn": None}
    if rng.random() < 0.22 and signup < date(2026, 4, 1):
        cl["churn"] = rand_date(max(signup + timedelta(days=60), WINDOW_START), date(2026, 8, 1))
    clients.append(cl)
    for _ in range(weighted([(1, 62), (2, 28), (3, 10)])):
        new_pet(cl, signup if not pets or rng.random() < 0.8 else rand_date(signup, max(signup, AS_OF - timedelta(days=30))))
    return cl


def new_pet(cl, registered):
    code = weighted([(s[0], s[1]) for s in SPECIES])
    sp = SP[code]
    if rng.random() < 0.25:      # puppies and kittens, registered young
        birth = registered - timedelta(days=rng.randint(50, 200))
    else:
        birth = registered - timedelta(days=rng.randint(200, 365 * (sp[4] - 2)))
    if (AS_OF - birth).days > 365 * (sp[4] + 1):
        # the owner's earlier pets are long gone: the pet on file now is a younger one
        birth = AS_OF - timedelta(days=rng.randint(365, 365 * sp[4]))
        registered = max(registered, birth + timedelta(days=rng.randint(60, 400)))
        registered = min(registered, AS_OF - timedelta(days=1))
    lo, hi = sp[3]
    weight = money(Decimal(rng.uniform(lo + 0.05, hi + 0.9)))
    if code == "AVI":
        weight = money(Decimal(rng.uniform(0.03, 0.6)))
    p = {"id": 500001 + len(pets), "client": cl, "name": rng.choice(PET_NAMES), "species": code,
         "breed": rng.choice(sp[2]), "sex": rng.choice("MF"),
         "neutered": "Y" if code in ("CAN", "FEL", "LAG") and rng.random() < 0.7 else "N",
         "birth": birth, "registered": registered, "deceased": None, "weight": weight}
    # older pets may die during the window
    end_age = (AS_OF - birth).days / 365.25
    lo_dd = max(registered, WINDOW_START) + timedelta(days=30)
    if end_age > sp[4] - 3 and rng.random() < 0.35 and lo_dd < AS_OF - timedelta(days=3):
        p["deceased"] = rand_date(lo_dd, AS_OF - timedelta(days=3))
    pets.append(p)
    return p


for c in CLINICS:
    cid, opened = c[0], c[7]
    for _ in range(int(c[9] * 0.8)):
        new_client(cid, rand_date(max(opened, date(2012, 1, 1)), date(2023, 12, 31)))
    d = max(WINDOW_START, opened)
    month = date(d.year, d.month, 1)
    while month <= AS_OF:
        n = c[10]
        if cid == 8:
            n = 45 if month == date(2026, 3, 1) else c[10]
        n = int(round(n * (0.8 if cid != 8 else 1.0) * (1 + 0.08 * (month.year - 2024)) * (1.2 if month.month in (1, 9) else 1.0)))
        last_day = add_months(month, 1) - timedelta(days=1)
        for _ in range(n):
            new_client(cid, rand_date(max(month, opened), min(last_day, AS_OF)))
        month = add_months(month, 1)

clients.sort(key=lambda x: (x["signup"], x["id"]))
for i, cl in enumerate(clients):
    cl["id"] = 100001 + i
pets.sort(key=lambda p: (p["registered"], p["client"]["id"], p["id"]))
for i, p in enumerate(pets):
    p["id"] = 500001 + i

# --------------------------------------------------------------------------------------------
# Appointments
# --------------------------------------------------------------------------------------------
SEASON = [0.92, 0.86, 0.95, 1.0, 1.05, 1.12, 1.2, 1.18, 1.02, 0.97, 0.9, 1.0]
EMR_SEASON = [0.95, 0.8, 0.85, 0.9, 1.0, 1.15, 1.3, 1.25, 0.95, 1.0, 0.95, 1.3]
TYPE_MIX = {
    "GEN": [("CONS", 56), ("FUP", 18), ("DENT", 8), ("SURG", 11), ("EMER", 7)],
    "EMR": [("EMER", 74), ("FUP", 14), ("CONS", 8), ("SURG", 4)],
    "SPC": [("CONS", 40), ("SURG", 30), ("FUP", 24), ("DENT", 6)],
}
SLOT = {"CONS": 15, "VACC": 15, "FUP": 10, "DENT": 60, "SURG": 90, "EMER": 30}
VISIT_RATE = {"GEN": 0.9, "EMR": 0.42, "SPC": 0.55}     # non-vaccination appointments per pet-year
SPECIES_RATE = {"CAN": 1.2, "FEL": 0.85, "LAG": 0.7, "AVI": 0.5, "EXO": 0.6}

appts = []   # dicts


def slot_time(d, ctype):
    if ctype == "EMR":
        hour = weighted([(h, 3 if 17 <= h <= 23 else (1 if h < 7 else 2)) for h in range(24)])
        return datetime(d.year, d.month, d.day, hour, rng.choice([0, 10, 20, 30, 40, 50]))
    if d.weekday() == 6:
        return None
    last = 12 if d.weekday() == 5 else 18
    return datetime(d.year, d.month, d.day, rng.randint(8, last), rng.choice([0, 15, 30, 45]))


def add_appt(pet, d, atype, vaccines=None):
    cl = pet["client"]
    cid = cl["clinic"]
    c = CLINIC[cid]
    d = max(d, pet["registered"], WINDOW_START)
    if d < c[7]:
        return None
    at = slot_time(d, c[6])
    if at is None:
        d = d + timedelta(days=1)
        at = slot_time(d, c[6])
    vets = vets_on(cid, d)
    if atype == "SURG" and c[6] == "SPC":
        ortho = [v for v in vets if v["specialty"] == "Orthopaedic Surgery"]
        wants_ortho = pet["species"] == "CAN" and rng.random() < 0.4
        if wants_ortho and not ortho:
            atype = "CONS"          # no orthopaedic surgeon: referral consult only
        elif wants_ortho:
            vets = ortho
            pet["_ortho"] = True
    if atype == "EMER" or c[6] == "EMR":
        channel = weighted([("WLK", 55), ("PHN", 40), ("WEB", 5)]) if atype == "EMER" else weighted([("PHN", 60), ("WEB", 40)])
    else:
        channel = weighted([("WEB", 42), ("PHN", 50), ("WLK", 8)])
    if atype == "EMER" or channel == "WLK":
        lead_min = rng.randint(5, 90)
    else:
        lead_days = int(rng.expovariate(1 / (16 if atype in ("VACC", "DENT", "SURG") else 6)))
        lead_min = lead_days * 1440 + rng.randint(30, 600)
    booked = at - timedelta(minutes=lead_min)
    reg = datetime(pet["registered"].year, pet["registered"].month, pet["registered"].day, 9, 0)
    if booked < reg:
        booked = reg if reg < at - timedelta(minutes=30) else at - timedelta(minutes=30)
        lead_min = int((at - booked).total_seconds() // 60)
    if booked.date() > AS_OF:
        return None          # booked after the extract: not in the system yet
    vet = rng.choice([v for v in vets for _ in range(2 if v["contract"] == "FT" else 1)])
    a = {"id": None, "pet": pet, "clinic": cid, "vet": vet, "type": atype, "channel": channel, "booked": booked,
         "at": at, "slot": SLOT[atype], "checked": None, "cancelled": None, "duration": None, "vaccines": vaccines,
         "ortho": pet.pop("_ortho", False)}
    future = at.date() > AS_OF
    p_noshow = 0.0 if atype == "EMER" else 0.05 + (0.025 if channel == "WEB" else 0) + (0.015 if at.weekday() == 0 else 0) \
        + (0.02 if lead_min > 21 * 1440 else 0) + (0.01 if cl["tier"] == "STD" else 0)
    p_cxc = 0.02 if atype == "EMER" else 0.075
    p_cxp = 0.0 if atype == "EMER" else 0.015
    x = rng.random()
    if future:
        if x < p_cxc * 0.6 and at - timedelta(hours=2) > booked:
            a["status"] = "CXC"
        else:
            a["status"] = "BKD"
    elif x < p_noshow:
        a["status"] = "DNA"
    elif x < p_noshow + p_cxc and lead_min > 120:
        a["status"] = "CXC"
    elif x < p_noshow + p_cxc + p_cxp and lead_min > 1440:
        a["status"] = "CXP"
    else:
        a["status"] = "CMP"
    if a["status"] in ("CXC", "CXP"):
        span = int((at - booked).total_seconds() // 60)
        late = rng.random() < 0.25
        back = rng.randint(30, 23 * 60) if late else rng.randint(24 * 60, max(24 * 60, span - 10))
        back = min(back, span - 10)
        a["cancelled"] = at - timedelta(minutes=back)
        if a["cancelled"] > datetime(AS_OF.year, AS_OF.month, AS_OF.day, 23, 59):
            a["status"], a["cancelled"] = "BKD", None
    if a["status"] == "CMP":
        a["checked"] = at + timedelta(minutes=rng.randint(-12, 15))
        base = a["slot"]
        a["duration"] = max(5, int(round(rng.gauss(base * 1.1 if atype in ("SURG", "DENT") else base * 1.05, base * 0.25))))
        if a["ortho"]:
            a["duration"] = rng.randint(120, 200)
    appts.append(a)
    return a


def season_ok(d, table):
    return rng.random() < table[d.month - 1] / 1.3


for p in pets:
    cl = p["client"]
    c = CLINIC[cl["clinic"]]
    start = max(WINDOW_START, p["registered"], c[7])
    end = HORIZON
    if p["deceased"]:
        end = min(end, p["deceased"] - timedelta(days=1))
    if cl["churn"]:
        end = min(end, cl["churn"])
    if end <= start:
        continue
    # ---- routine and sick visits: a thinned Poisson process
    age = (start - p["birth"]).days / 365.25
    rate = VISIT_RATE[c[6]] * SPECIES_RATE[p["species"]] * (1.5 if age > 8 else 1.0) * rng.uniform(0.4, 1.7)
    table = EMR_SEASON if c[6] == "EMR" else SEASON
    t = start
    if p["registered"] >= WINDOW_START and c[6] == "GEN" and rng.random() < 0.55:
        add_appt(p, p["registered"] + timedelta(days=rng.randint(1, 20)), "CONS")
    while True:
        t = t + timedelta(days=max(1, int(rng.expovariate(rate * 1.3 / 365.25))))
        if t > end:
            break
        if not season_ok(t, table):
            continue
        atype = weighted(TYPE_MIX[c[6]])
        if atype == "SURG" and c[6] == "GEN" and p["neutered"] == "Y" and rng.random() < 0.7:
            atype = "CONS"
        a = add_appt(p, t, atype)
        if a and atype in ("SURG", "DENT", "EMER") and rng.random() < 0.45:
            add_appt(p, t + timedelta(days=rng.randint(7, 14)), "FUP")
    # ---- vaccination boosters (general practices, dogs / cats / rabbits on a plan)
    if c[6] != "GEN" or p["species"] not in ("CAN", "FEL", "LAG"):
        continue
    if rng.random() > {"CAN": 0.82, "FEL": 0.7, "LAG": 0.6}[p["species"]]:
        continue
    compliance = weighted([("good", 62), ("late", 26), ("lapse", 12)])
    if p["registered"] >= WINDOW_START:
        due = p["registered"] + timedelta(days=rng.randint(3, 40))
        dhp_due = due
    else:
        due = rand_date(WINDOW_START, date(2024, 12, 20))
        dhp_due = add_months(due, 12 * rng.randint(0, 2))
    kc = p["species"] == "CAN" and rng.random() < 0.45
    felv = p["species"] == "FEL" and rng.random() < 0.4
    doses = 0
    while True:
        if compliance == "good":
            visit = due + timedelta(days=rng.randint(-21, 10))
        else:
            visit = due + timedelta(days=rng.randint(-7, 120) if compliance == "late" else rng.randint(0, 60))
        if visit > end:
            break
        if compliance == "lapse" and doses >= rng.randint(1, 2):
            break
        if p["species"] == "CAN":
            vacs = ["LEPTO"] + (["DHP"] if visit >= dhp_due - timedelta(days=45) else []) + (["KC"] if kc else [])
        elif p["species"] == "FEL":
            vacs = ["RCP"] + (["FELV"] if felv else [])
        else:
            vacs = ["MRHD"]
        a = None
        for attempt in range(3):
            a = add_appt(p, visit, "VACC", vacs)
            if a is None or a["status"] in ("CMP", "BKD"):
                break
            visit = visit + timedelta(days=rng.randint(5, 21))
        if a is None or a["status"] != "CMP":
            break
        doses += 1
        given = a["at"].date()
        due = add_months(given, 12)
        if "DHP" in vacs:
            dhp_due = add_months(given, 36)

appts.sort(key=lambda a: (a["at"], a["clinic"], a["pet"]["id"]))
for i, a in enumerate(appts):
    a["id"] = 1000001 + i

# --------------------------------------------------------------------------------------------
# Invoice lines and vaccinations (completed appointments only)
# --------------------------------------------------------------------------------------------
lines, vaccinations = [], []
TIER_DISCOUNT = {"STD": Decimal("0"), "SLV": Decimal("0"), "GLD": Decimal("0.10"), "PLT": Decimal("0.15")}
invoice_seq = {}


def parasite_prob(month):
    return {5: 0.42, 6: 0.5, 7: 0.55, 8: 0.5, 9: 0.38, 4: 0.22, 10: 0.2}.get(month, 0.06)


for a in appts:
    if a["status"] != "CMP":
        continue
    p, c = a["pet"], CLINIC[a["clinic"]]
    country, d = c[5], a["at"].date()
    items = []
    t = a["type"]
    if t == "CONS":
        items.append(("CONS-REF" if c[6] == "SPC" else "CONS-STD", 1))
        if rng.random() < 0.4:
            items.append((weighted([("MED-ABX", 4), ("MED-PAIN", 3), ("MED-DERM", 3)]), rng.randint(1, 2)))
        if rng.random() < (0.6 if c[6] == "SPC" else 0.2):
            items.append((weighted([("DIAG-BLOOD", 5), ("DIAG-XRAY", 3), ("DIAG-US", 2)] + ([("DIAG-MRI", 2)] if c[6] == "SPC" else [])), 1))
    elif t == "FUP":
        items.append(("CONS-FUP", 1))
        if rng.random() < 0.3:
            items.append((weighted([("MED-ABX", 4), ("MED-PAIN", 4), ("MED-DERM", 2)]), 1))
    elif t == "VACC":
        for v in a["vaccines"]:
            items.append((VACCINES[v][1], 1))
    elif t == "DENT":
        items += [("DENT-SCALE", 1), ("SURG-ANAES", 1)]
        if rng.random() < 0.55:
            items.append(("DENT-EXTR", rng.randint(1, 4)))
        if rng.random() < 0.5:
            items.append(("MED-PAIN", 1))
    elif t == "SURG":
        if a["ortho"]:
            proc = "SURG-ORTHO"
        elif c[6] == "SPC":
            proc = weighted([("SURG-SOFT", 6), ("SURG-LUMP", 4)])
        else:
            proc = weighted([("SURG-SPAY", 4), ("SURG-CAST", 4), ("SURG-LUMP", 3)])
        items += [(proc, 1), ("SURG-ANAES", 1), ("MED-PAIN", 1)]
        if proc in ("SURG-ORTHO", "SURG-SOFT") or rng.random() < 0.15:
            items.append(("HOSP-DAY", rng.randint(1, 3)))
        if rng.random() < 0.35:
            items.append(("MED-ABX", 1))
    elif t == "EMER":
        items.append(("CONS-EMR", 1))
        if rng.random() < 0.6:
            items.append((weighted([("DIAG-BLOOD", 5), ("DIAG-XRAY", 4), ("DIAG-US", 2)]), 1))
        if rng.random() < 0.7:
            items.append((weighted([("MED-ABX", 4), ("MED-PAIN", 5)]), rng.randint(1, 2)))
        if rng.random() < 0.22:
            items.append(("HOSP-DAY", rng.randint(1, 3)))
    if p["species"] in ("CAN", "FEL") and t in ("CONS", "VACC") and rng.random() < parasite_prob(d.month):
        items.append(("PAR-TICK", rng.randint(1, 2)))
    if p["species"] in ("CAN", "FEL") and t == "VACC" and rng.random() < 0.25:
        items.append(("PAR-WORM", 1))
    yy = d.year % 100
    invoice_seq[yy] = invoice_seq.get(yy, 0) + 1
    invoice_no = f"HV{yy}-{invoice_seq[yy]:06d}"
    tier_pct = TIER_DISCOUNT[p["client"]["tier"]]
    for code, qty in items:
        unit = price(code, country, d)
        gross_before = unit * qty
        pct = tier_pct
        if pct == 0 and rng.random() < 0.03:
            pct = Decimal("0.20")        # goodwill discount
        disc = money(gross_before * pct)
        lines.append({"id": None, "invoice": invoice_no, "appt": a, "code": code, "qty": qty, "unit": unit,
                      "disc": disc, "vat": VAT[country], "currency": CURRENCY[country]})
    if t == "VACC":
        for v in a["vaccines"]:
            vaccinations.append({"id": None, "appt": a, "code": v, "given": d,
                                 "valid_until": add_months(d, VACCINES[v][0]),
                                 "batch": f"{v[:2]}{rng.randint(10000, 99999)}"})

for i, ln in enumerate(lines):
    ln["id"] = 7000001 + i
vaccinations.sort(key=lambda v: (v["given"], v["appt"]["id"], v["code"]))
for i, v in enumerate(vaccinations):
    v["id"] = 30001 + i

# --------------------------------------------------------------------------------------------
# Seeds
# --------------------------------------------------------------------------------------------
os.makedirs(SEEDS, exist_ok=True)
counts = {}


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def write_csv(name, header, rows):
    with open(os.path.join(SEEDS, name + ".csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(v) for v in r])
    counts[name] = len(rows)


write_csv("raw_clinics", ["clinic_id", "clinic_code", "clinic_name", "city", "region", "country_code", "clinic_type",
                          "opened_on", "exam_rooms"],
          [[c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]] for c in CLINICS])
ROLE_TEXT = {"VET": "VET", "RVN": "RVN", "RCP": "RCP", "PM": "PM"}
write_csv("raw_staff", ["staff_id", "clinic_id", "first_name", "last_name", "email", "role_code", "specialty",
                        "contract", "hired_on", "left_on"],
          [[s["id"], s["clinic"], s["first"], s["last"], s["email"], s["role"], s["specialty"], s["contract"],
            s["hired"], s["left"]] for s in staff])
write_csv("raw_clients", ["client_id", "home_clinic_id", "first_name", "last_name", "email", "phone", "signup_date",
                          "loyalty_tier", "marketing_opt_in"],
          [[cl["id"], cl["clinic"], cl["first"], cl["last"], cl["email"], cl["phone"], cl["signup"], cl["tier"],
            cl["optin"]] for cl in clients])
write_csv("raw_pets", ["pet_id", "client_id", "pet_name", "species_code", "breed", "sex", "neutered", "birth_date",
                       "registered_on", "deceased_on", "weight_kg"],
          [[p["id"], p["client"]["id"], p["name"], p["species"], p["breed"], p["sex"], p["neutered"], p["birth"],
            p["registered"], p["deceased"], p["weight"]] for p in pets])
write_csv("raw_procedures", ["procedure_code", "procedure_name", "category"],
          [[p[0], p[1], p[2]] for p in PROCEDURES])
write_csv("raw_appointments", ["appointment_id", "pet_id", "clinic_id", "vet_staff_id", "appt_type", "channel",
                               "status", "booked_at", "scheduled_at", "slot_minutes", "checked_in_at", "cancelled_at",
                               "duration_min"],
          [[a["id"], a["pet"]["id"], a["clinic"], a["vet"]["id"], a["type"], a["channel"], a["status"], a["booked"],
            a["at"], a["slot"], a["checked"], a["cancelled"], a["duration"]] for a in appts])
write_csv("raw_invoice_lines", ["line_id", "invoice_no", "appointment_id", "procedure_code", "quantity", "unit_price",
                                "discount_amount", "vat_rate", "currency"],
          [[ln["id"], ln["invoice"], ln["appt"]["id"], ln["code"], ln["qty"], ln["unit"], ln["disc"], ln["vat"],
            ln["currency"]] for ln in lines])
write_csv("raw_vaccinations", ["vaccination_id", "appointment_id", "pet_id", "vaccine_code", "given_on",
                               "valid_until", "batch_no"],
          [[v["id"], v["appt"]["id"], v["appt"]["pet"]["id"], v["code"], v["given"], v["valid_until"], v["batch"]]
           for v in vaccinations])

# --------------------------------------------------------------------------------------------
# Marts: the same rules as models/marts/*.sql
# --------------------------------------------------------------------------------------------
CLINIC_TYPE = {"GEN": "general", "EMR": "emergency", "SPC": "specialty"}
COUNTRY = {"GB": "United Kingdom", "IE": "Ireland"}
ROLE = {"VET": "veterinarian", "RVN": "vet_nurse", "RCP": "receptionist", "PM": "practice_manager"}
CONTRACT = {"FT": "full_time", "PT": "part_time"}
TIER = {"STD": "standard", "SLV": "silver", "GLD": "gold", "PLT": "platinum"}
APPT_TYPE = {"CONS": "consultation", "VACC": "vaccination", "FUP": "follow_up", "DENT": "dental",
             "SURG": "surgery", "EMER": "emergency"}
CHANNEL = {"WEB": "online", "PHN": "phone", "WLK": "walk_in"}
STATUS = {"CMP": "completed", "DNA": "no_show", "CXC": "cancelled_by_client", "CXP": "cancelled_by_clinic",
          "BKD": "booked"}
mart = {}


def full_years(born, on):
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


mart["dim_clinics"] = (
    [("clinic_id", "integer"), ("clinic_code", "text"), ("clinic_name", "text"), ("city", "text"), ("region", "text"),
     ("country_code", "text"), ("country", "text"), ("currency_code", "text"), ("clinic_type", "text"),
     ("opened_date", "date"), ("exam_room_count", "integer"), ("is_open_24h", "boolean")],
    [[c[0], c[1], c[2], c[3], c[4], c[5], COUNTRY[c[5]], CURRENCY[c[5]], CLINIC_TYPE[c[6]], c[7], c[8], c[6] == "EMR"]
     for c in CLINICS])

mart["dim_staff"] = (
    [("staff_id", "integer"), ("first_name", "text"), ("last_name", "text"), ("full_name", "text"), ("email", "text"),
     ("clinic_id", "integer"), ("clinic_name", "text"), ("role", "text"), ("specialty", "text"),
     ("employment_type", "text"), ("hired_date", "date"), ("left_date", "date"), ("is_active", "boolean")],
    [[s["id"], s["first"], s["last"], f"{s['first']} {s['last']}", s["email"], s["clinic"], CLINIC[s["clinic"]][2],
      ROLE[s["role"]], s["specialty"], CONTRACT[s["contract"]], s["hired"], s["left"],
      s["hired"] <= AS_OF and (s["left"] is None or s["left"] >= AS_OF)] for s in staff])

visits = {}
for a in appts:
    if a["status"] == "CMP":
        cid = a["pet"]["client"]["id"]
        d = a["at"].date()
        lo, hi = visits.get(cid, (d, d))
        visits[cid] = (min(lo, d), max(hi, d))
ACTIVE_FROM = add_months(AS_OF, -12)       # as_of - interval '1 year'
mart["dim_clients"] = (
    [("client_id", "integer"), ("first_name", "text"), ("last_name", "text"), ("full_name", "text"), ("email", "text"),
     ("phone", "text"), ("home_clinic_id", "integer"), ("home_clinic_name", "text"), ("signup_date", "date"),
     ("loyalty_tier", "text"), ("has_marketing_consent", "boolean"), ("first_visit_date", "date"),
     ("last_visit_date", "date"), ("is_active", "boolean")],
    [[cl["id"], cl["first"], cl["last"], f"{cl['first']} {cl['last']}", cl["email"], cl["phone"], cl["clinic"],
      CLINIC[cl["clinic"]][2], cl["signup"], TIER[cl["tier"]], cl["optin"] == "Y",
      visits.get(cl["id"], (None, None))[0], visits.get(cl["id"], (None, None))[1],
      cl["id"] in visits and visits[cl["id"]][1] > ACTIVE_FROM] for cl in clients])

mart["dim_pets"] = (
    [("pet_id", "integer"), ("client_id", "integer"), ("pet_name", "text"), ("species_code", "text"), ("breed", "text"),
     ("sex", "text"), ("is_neutered", "boolean"), ("birth_date", "date"), ("age_years", "integer"),
     ("is_senior", "boolean"), ("weight_kg", "numeric(6,2)"), ("registered_date", "date"), ("deceased_date", "date"),
     ("is_deceased", "boolean")],
    [])
for p in pets:
    age = None if p["deceased"] else full_years(p["birth"], AS_OF)
    mart["dim_pets"][1].append([
        p["id"], p["client"]["id"], p["name"], p["species"], p["breed"], "male" if p["sex"] == "M" else "female",
        p["neutered"] == "Y", p["birth"], age, p["species"] in ("CAN", "FEL") and age is not None and age >= 8,
        p["weight"], p["registered"], p["deceased"], p["deceased"] is not None])

first_visit = set()
seen_pets = set()
for a in sorted((a for a in appts if a["status"] == "CMP"), key=lambda a: (a["pet"]["id"], a["at"], a["id"])):
    if a["pet"]["id"] not in seen_pets:
        seen_pets.add(a["pet"]["id"])
        first_visit.add(a["id"])
mart["fct_appointments"] = (
    [("appointment_id", "integer"), ("pet_id", "integer"), ("client_id", "integer"), ("clinic_id", "integer"),
     ("vet_id", "integer"), ("appointment_type", "text"), ("booking_channel", "text"), ("status", "text"),
     ("booked_at", "timestamp without time zone"), ("scheduled_at", "timestamp without time zone"),
     ("checked_in_at", "timestamp without time zone"), ("cancelled_at", "timestamp without time zone"),
     ("booked_date", "date"), ("scheduled_date", "date"), ("lead_time_days", "integer"),
     ("slot_minutes", "integer"), ("duration_minutes", "integer"), ("is_late_cancellation", "boolean"),
     ("is_first_visit", "boolean")],
    [])
for a in appts:
    mart["fct_appointments"][1].append([
        a["id"], a["pet"]["id"], a["pet"]["client"]["id"], a["clinic"], a["vet"]["id"], APPT_TYPE[a["type"]],
        CHANNEL[a["channel"]], STATUS[a["status"]], a["booked"], a["at"], a["checked"], a["cancelled"],
        a["booked"].date(), a["at"].date(), (a["at"].date() - a["booked"].date()).days, a["slot"], a["duration"],
        a["cancelled"] is not None and (a["at"] - a["cancelled"]) < timedelta(hours=24),
        a["id"] in first_visit])

mart["fct_invoice_lines"] = (
    [("invoice_line_id", "integer"), ("invoice_number", "text"), ("appointment_id", "integer"),
     ("clinic_id", "integer"), ("client_id", "integer"), ("service_date", "date"), ("procedure_code", "text"), ("procedure_name", "text"),
     ("procedure_category", "text"), ("quantity", "integer"), ("unit_price", "numeric(10,2)"),
     ("discount_amount", "numeric(10,2)"), ("net_amount", "numeric(10,2)"), ("vat_rate", "numeric(4,1)"),
     ("vat_amount", "numeric(10,2)"), ("gross_amount", "numeric(10,2)"), ("currency_code", "text"),
     ("net_amount_gbp", "numeric(10,2)"), ("has_discount", "boolean")],
    [])
for ln in lines:
    a = ln["appt"]
    net = (ln["unit"] * ln["qty"] - ln["disc"]).quantize(CENT)
    vat = money(net * ln["vat"] / 100)
    gbp = net if ln["currency"] == "GBP" else money(net * EUR_TO_GBP)
    mart["fct_invoice_lines"][1].append([
        ln["id"], ln["invoice"], a["id"], a["clinic"], a["pet"]["client"]["id"], a["at"].date(), ln["code"], PROC[ln["code"]][1], CATEGORY[PROC[ln["code"]][2]], ln["qty"], ln["unit"],
        ln["disc"], net, ln["vat"], vat, net + vat, ln["currency"], gbp, ln["disc"] > 0])

latest = {}
for v in vaccinations:
    k = (v["appt"]["pet"]["id"], v["code"])
    if k not in latest or (v["given"], v["id"]) > (latest[k]["given"], latest[k]["id"]):
        latest[k] = v
latest_ids = {v["id"] for v in latest.values()}
mart["fct_vaccinations"] = (
    [("vaccination_id", "integer"), ("appointment_id", "integer"), ("pet_id", "integer"), ("client_id", "integer"),
     ("clinic_id", "integer"), ("vet_id", "integer"), ("vaccine_code", "text"), ("batch_number", "text"),
     ("given_date", "date"), ("due_date", "date"), ("is_latest_dose", "boolean"), ("is_overdue", "boolean")],
    [])
for v in vaccinations:
    a, p = v["appt"], v["appt"]["pet"]
    is_latest = v["id"] in latest_ids
    mart["fct_vaccinations"][1].append([
        v["id"], a["id"], p["id"], p["client"]["id"], a["clinic"], a["vet"]["id"], v["code"], v["batch"], v["given"],
        v["valid_until"], is_latest, is_latest and p["deceased"] is None and v["valid_until"] < AS_OF])

# --------------------------------------------------------------------------------------------
# load.sql
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


MART_ORDER = ["dim_clinics", "dim_staff", "dim_clients", "dim_pets", "fct_appointments", "fct_invoice_lines",
              "fct_vaccinations"]
with open(os.path.join(HERE, "load.sql"), "w", encoding="utf-8", newline="\n") as f:
    f.write("-- Harbor Vets clinics warehouse: schema `vet`, exactly as `dbt build` materialises it.\n")
    f.write("-- Generated by gen_seeds.py (seed %d, as-of date %s). Do not edit by hand.\n" % (SEED, AS_OF.isoformat()))
    f.write("-- Load with: psql -v ON_ERROR_STOP=1 -d <database> -f load.sql\n\n")
    f.write("set client_min_messages = warning;\nbegin;\ndrop schema if exists vet cascade;\ncreate schema vet;\n")
    for name in MART_ORDER:
        cols, rows = mart[name]
        f.write(f"\ncreate table vet.{name} (\n")
        f.write(",\n".join(f"    {c} {t}" for c, t in cols))
        f.write("\n);\n")
        collist = ", ".join(c for c, _ in cols)
        for i in range(0, len(rows), 500):
            chunk = rows[i:i + 500]
            f.write(f"insert into vet.{name} ({collist}) values\n")
            f.write(",\n".join("(" + ", ".join(sql_literal(v) for v in row) + ")" for row in chunk))
            f.write(";\n")
    f.write("\ncommit;\nanalyze;\n")

if __name__ == "__main__":
    import sys
    for name in MART_ORDER:
        print(f"vet.{name}: {len(mart[name][1])} rows", file=sys.stderr)
    for name, n in counts.items():
        print(f"seeds/{name}.csv: {n} rows", file=sys.stderr)
