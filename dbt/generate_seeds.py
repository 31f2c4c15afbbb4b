"""Generates the demo warehouse's raw seed data (seeds/raw_*.csv).

Deterministic: a fixed random seed and no dependence on the current date, so running it again
gives byte-identical files. Standard library only. Run: python3 dbt/generate_seeds.py
"""
import csv
import datetime
import random
from pathlib import Path

SEEDS = Path(__file__).resolve().parent / "seeds"
rng = random.Random(20240101)

REGIONS = {
    "EMEA": {"Germany": ("DE", ["Berlin", "Munich", "Hamburg"]), "France": ("FR", ["Paris", "Lyon"]),
             "United Kingdom": ("GB", ["London", "Manchester"]), "Spain": ("ES", ["Madrid", "Barcelona"]),
             "Netherlands": ("NL", ["Amsterdam", "Rotterdam"])},
    "NA": {"United States": ("US", ["New York", "Austin", "Seattle", "Chicago"]), "Canada": ("CA", ["Toronto", "Vancouver"])},
    "APAC": {"Japan": ("JP", ["Tokyo", "Osaka"]), "Australia": ("AU", ["Sydney", "Melbourne"]), "India": ("IN", ["Mumbai", "Bangalore"])},
    "LATAM": {"Brazil": ("BR", ["Sao Paulo", "Rio de Janeiro"]), "Mexico": ("MX", ["Mexico City", "Guadalajara"])},
}
COUNTRY_WEIGHTS = {"United States": 22, "Germany": 12, "United Kingdom": 10, "France": 8, "Canada": 6, "Japan": 7,
                   "Australia": 5, "India": 6, "Spain": 5, "Netherlands": 4, "Brazil": 8, "Mexico": 7}
PHONE_PREFIX = {"DE": "+49", "FR": "+33", "GB": "+44", "ES": "+34", "NL": "+31", "US": "+1", "CA": "+1", "JP": "+81",
                "AU": "+61", "IN": "+91", "BR": "+55", "MX": "+52"}
IBAN_LENGTH = {"DE": 22, "FR": 27, "GB": 22, "ES": 24, "NL": 18}
FIRST = ["Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia", "Leon", "Sofia", "Mateo", "Yuki", "Hana", "Arjun",
         "Priya", "Chloe", "Hugo", "Lena", "Finn", "Isabel", "Diego", "Camila", "Kenji", "Aiko", "Ravi", "Ana", "Jonas",
         "Marie", "Tom", "Zoe", "Omar", "Elena", "Max", "Nina", "Paul", "Sara", "Ben", "Julia", "Felix", "Laura", "Ivan"]
LAST = ["Smith", "Muller", "Garcia", "Tanaka", "Sharma", "Martin", "Dubois", "Jansen", "Silva", "Lopez", "Brown",
        "Schmidt", "Rossi", "Kim", "Nguyen", "Weber", "Moreau", "Santos", "Ito", "Patel", "Clark", "Fischer", "Lewis",
        "Hernandez", "Sato", "Walker", "Becker", "Young", "Costa", "Khan"]
CATALOGUE = {
    "electronics": (["laptops", "phones", "headphones", "cameras"], ["Voltix", "Nordwave", "Kaito"], (60, 1500)),
    "home": (["kitchen", "furniture", "lighting"], ["Hearthly", "Casa Nova", "Lumen"], (15, 600)),
    "apparel": (["running shoes", "jackets", "t-shirts"], ["Stride", "Northpeak", "Urbanite"], (12, 250)),
    "beauty": (["skincare", "fragrance", "haircare"], ["Glowa", "Petalis"], (8, 120)),
    "sports": (["bikes", "fitness", "outdoor"], ["Peakline", "Stride", "Kinetik"], (20, 900)),
    "books": (["fiction", "business", "cooking"], ["Paperfield", "Inkwell"], (8, 60)),
}
START = datetime.date(2024, 1, 1)
END = datetime.date(2026, 12, 31)


def luhn_complete(prefix: str) -> str:
    digits = [int(d) for d in prefix]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return prefix + str((10 - total % 10) % 10)


def card_number() -> str:
    prefix = rng.choice(["4", "51", "52", "53", "54", "55"])
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(15 - len(prefix)))
    return luhn_complete(body)


def iban(country_code: str) -> str:
    length = IBAN_LENGTH[country_code]
    bban = ""
    if country_code == "GB":
        bban = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
    if country_code == "NL":
        bban = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
    bban += "".join(str(rng.randrange(10)) for _ in range(length - 4 - len(bban)))
    numeric = "".join(str(int(ch, 36)) for ch in bban + country_code + "00")
    check = 98 - int(numeric) % 97
    return f"{country_code}{check:02d}{bban}"


def day(offset: int) -> datetime.date:
    return START + datetime.timedelta(days=offset)


def write(name, header, rows):
    with open(SEEDS / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main():
    SEEDS.mkdir(exist_ok=True)
    countries = {c: (region, code, cities) for region, cs in REGIONS.items() for c, (code, cities) in cs.items()}
    write("raw_regions", ["country", "country_code", "region"],
          sorted((c, v[1], v[0]) for c, v in countries.items()))

    customers = []
    names = list(COUNTRY_WEIGHTS)
    weights = [COUNTRY_WEIGHTS[n] for n in names]
    total_days = (END - START).days + 1
    for cid in range(1, 1501):
        country = rng.choices(names, weights)[0]
        region, code, cities = countries[country]
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first.lower()}.{last.lower()}{cid}@{rng.choice(['example.com', 'mail.example.org', 'shop.example.net'])}"
        phone = f"{PHONE_PREFIX[code]} {rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        ssn = f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}" if code == "US" else ""
        signup = day(int(rng.triangular(0, total_days - 1, total_days * 0.35)))
        segment = rng.choices(["consumer", "small_business", "enterprise"], [70, 22, 8])[0]
        customers.append([cid, first, last, email, phone, ssn, country, rng.choice(cities), segment, signup.isoformat()])
    write("raw_customers", ["customer_id", "first_name", "last_name", "email", "phone", "ssn", "country", "city",
                            "segment", "signup_date"], customers)

    products = []
    pid = 0
    for category in sorted(CATALOGUE):
        subcategories, brands, (low, high) = CATALOGUE[category]
        for _ in range(20):
            pid += 1
            sub = rng.choice(subcategories)
            price = round(rng.uniform(low, high), 2)
            cost = round(price * rng.uniform(0.35, 0.75), 2)
            products.append([pid, f"{rng.choice(brands)} {sub.title()} {pid:03d}", category, sub, rng.choice(brands),
                             f"{price:.2f}", f"{cost:.2f}", "true" if rng.random() > 0.08 else "false"])
    write("raw_products", ["product_id", "product_name", "category", "subcategory", "brand", "unit_price", "unit_cost",
                           "is_active"], products)

    orders, items, payments, tickets = [], [], [], []
    item_id = payment_id = 0
    order_id = 0
    for offset in range(total_days):
        date = day(offset)
        growth = 1 + offset / total_days  # the shop doubles over three years
        season = 1.6 if date.month in (11, 12) else 0.85 if date.month in (1, 2) else 1.0
        expected = 3.6 * growth * season
        count = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
        for _ in range(count):
            order_id += 1
            eligible = [c for c in customers[: max(30, int(len(customers) * min(1, (offset + 60) / total_days)))]]
            customer = rng.choice(eligible)
            age = (END - date).days
            if age < 10:
                status = rng.choices(["placed", "shipped"], [70, 30])[0]
            elif age < 30:
                status = rng.choices(["placed", "shipped", "completed", "cancelled"], [15, 45, 35, 5])[0]
            else:
                status = rng.choices(["completed", "shipped", "returned", "cancelled", "placed"], [78, 4, 8, 9, 1])[0]
            channel = rng.choices(["web", "mobile_app", "marketplace", "phone"], [45, 30, 20, 5])[0]
            shipping = rng.choice(["0.00", "4.99", "9.99"])
            orders.append([order_id, customer[0], date.isoformat(), status, channel, shipping])
            order_total = 0.0
            for _ in range(rng.choices([1, 2, 3, 4, 5], [45, 28, 15, 8, 4])[0]):
                item_id += 1
                product = rng.choice(products)
                quantity = rng.choices([1, 2, 3], [75, 20, 5])[0]
                price = float(product[5])
                discount = round(price * quantity * rng.choice([0, 0, 0, 0.05, 0.1]), 2)
                items.append([item_id, order_id, product[0], quantity, f"{price:.2f}", f"{discount:.2f}"])
                order_total += price * quantity - discount
            order_total = round(order_total + float(shipping), 2)
            country_code = countries[customer[6]][1]
            if status != "cancelled" or rng.random() < 0.3:
                method = rng.choices(["credit_card", "paypal", "bank_transfer", "gift_card"], [55, 25, 12, 8])[0]
                if method == "bank_transfer" and country_code not in IBAN_LENGTH:
                    method = "credit_card"
                card = card_number() if method == "credit_card" else ""
                account = iban(country_code) if method == "bank_transfer" else ""
                if rng.random() < 0.07:
                    payment_id += 1
                    payments.append([payment_id, order_id, date.isoformat(), method, "failed", f"{order_total:.2f}", card,
                                     account])
                payment_id += 1
                outcome = "failed" if status == "cancelled" else "success"
                payments.append([payment_id, order_id, date.isoformat(), method, outcome, f"{order_total:.2f}", card,
                                 account])
                if status == "returned":
                    payment_id += 1
                    refund_day = min(END, date + datetime.timedelta(days=rng.randint(5, 25)))
                    payments.append([payment_id, order_id, refund_day.isoformat(), method, "refunded",
                                     f"{order_total:.2f}", card, account])
    write("raw_orders", ["order_id", "customer_id", "order_date", "status", "channel", "shipping_amount"], orders)
    write("raw_order_items", ["order_item_id", "order_id", "product_id", "quantity", "unit_price", "discount_amount"],
          items)
    write("raw_payments", ["payment_id", "order_id", "payment_date", "payment_method", "status", "amount",
                           "card_number", "iban"], payments)

    # Clock times of tickets come from their own stream, so the other draws stay as they are.
    clock = random.Random(20240102)
    range_end = datetime.datetime.combine(END, datetime.time(23, 59))
    for ticket_id in range(1, 1801):
        order = rng.choice(orders) if rng.random() < 0.7 else None
        customer_id = order[1] if order else rng.choice(customers)[0]
        opened = datetime.date.fromisoformat(order[2]) + datetime.timedelta(days=rng.randint(0, 20)) if order else \
            day(rng.randrange(total_days))
        opened = min(opened, END)
        age = (END - opened).days
        status = rng.choices(["open", "pending", "solved", "closed"], [50, 30, 15, 5] if age < 14 else [3, 4, 38, 55])[0]
        hours = round(rng.lognormvariate(3, 0.9), 1) if status in ("solved", "closed") else None
        score = rng.choices(["1", "2", "3", "4", "5"], [5, 8, 17, 35, 35])[0] if status == "closed" and rng.random() < 0.7 else ""
        channel = rng.choices(["email", "phone", "chat"], [45, 20, 35])[0]
        priority = rng.choices(["low", "medium", "high", "urgent"], [35, 40, 18, 7])[0]
        category = rng.choice(["shipping", "billing", "product", "returns", "account"])
        # Opened during support hours; solved a whole number of minutes later (hours has one decimal).
        opened_at = datetime.datetime.combine(opened, datetime.time()) + \
            datetime.timedelta(minutes=clock.randrange(7 * 60, 22 * 60))
        closed_at = opened_at + datetime.timedelta(minutes=round(hours * 60)) if hours is not None else None
        if closed_at is not None and closed_at > range_end:
            status, closed_at, score = "pending", None, ""  # not solved yet when the data ends
        tickets.append([ticket_id, customer_id, order[0] if order else "", timestamp(opened_at),
                        timestamp(closed_at) if closed_at else "", channel, priority, category, status, score])
    write("raw_support_tickets", ["ticket_id", "customer_id", "order_id", "opened_at", "closed_at", "channel",
                                  "priority", "category", "status", "satisfaction_score"], tickets)

    check(customers, payments)


def timestamp(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def luhn_valid(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def iban_valid(account: str) -> bool:
    rearranged = account[4:] + account[:4]
    return len(account) == IBAN_LENGTH[account[:2]] and int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def check(customers, payments):
    """Fails loudly if the generated identifiers are not what the engine's PII detection expects."""
    for c in customers:
        us = c[6] == "United States"
        assert bool(c[5]) == us, f"customer {c[0]}: SSN only for US customers"
        assert not us or (len(c[5]) == 11 and c[5][3] == "-" and c[5][6] == "-"), f"customer {c[0]}: SSN shape"
        assert c[4].startswith("+"), f"customer {c[0]}: phone in international format"
    for p in payments:
        method, card, account = p[3], p[6], p[7]
        assert (method == "credit_card") == bool(card), f"payment {p[0]}: card number only for cards"
        assert not card or (len(card) == 16 and luhn_valid(card)), f"payment {p[0]}: card fails the Luhn check"
        assert (method == "bank_transfer") == bool(account), f"payment {p[0]}: IBAN only for bank transfers"
        assert not account or iban_valid(account), f"payment {p[0]}: IBAN fails the mod-97 check"

if __name__ == "__main__":
    main()
