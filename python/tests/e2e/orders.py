"""The seed's orders, generated: the shape of its `raw_orders` table, with the expected daily summary computed in plain Python.

Every field is a string, as the seed's ApplyMapping expects of the raw JSON. Shared by the end-to-end tests that run the seed's
cells (in sessions, from the catalog, as a job, from a notebook) so that they check the same computation.
"""
import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

REGIONS = ["us-east", "us-west", "eu-central", "ap-south"]
STATUSES = ["NEW", "SHIPPED", "CANCELLED"]


def generate_orders(count: int, seed: int = 7, months=("02",)) -> list[dict]:
    """`count` orders of 2026; order i falls in months[i % len(months)], on a random day."""
    rng = random.Random(seed)
    orders = []
    for index in range(count):
        month = months[index % len(months)]
        orders.append({
            "order_id": f"o-{index:06d}",
            "customer_id": str(rng.randint(1, 400)),
            "order_date": f"2026-{month}-{rng.randint(1, 28):02d}",
            "total_amount": f"{rng.randint(100, 99999) / 100:.2f}",
            "status": rng.choice(STATUSES),
            "region": rng.choice(REGIONS),
        })
    return orders


def expected_summary(orders: list[dict]) -> dict[tuple[str, str], dict]:
    """The seed's daily_summary: per (region, order_day) the count, revenue, average (6 decimals) and distinct customers."""
    groups = defaultdict(list)
    for order in orders:
        groups[(order["region"], order["order_date"])].append(order)
    summary = {}
    for key, rows in groups.items():
        total = sum(Decimal(row["total_amount"]) for row in rows)
        summary[key] = {
            "total_orders": len(rows),
            "total_revenue": total,
            "avg_order_value": (total / len(rows)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP),
            "unique_customers": len({int(row["customer_id"]) for row in rows}),
        }
    return summary
