"""Issue 10's acceptance notebook: a notebook in the seed's style, executed headlessly by the unmodified official
glue_pyspark kernel, set up only by `./epoxy jupyter`, against a running Epoxy; the saved notebook's outputs are checked.

The table is created with boto3 over JSON files the test put in Epoxy's S3; every expected value is computed here
from those records.
"""
from __future__ import annotations

import base64
import json

import boto3
import nbformat
from nbclient import NotebookClient

from .epoxy_server import CREDENTIALS, REGION
from .sessions import wait_for_status
from .test_official_kernel import home, session_id_in, setup_epoxy_kernel, trap  # noqa: F401 - fixtures
from .test_session_plots_and_modules import png_size

DATABASE = "notebook_acceptance"
BUCKET = "notebook-acceptance"
REGIONS = ["eu-central", "us-east", "us-west"]
THRESHOLD = 50.0

RECORDS = [{"order_id": f"o{i:03d}", "region": REGIONS[(i * 7) % len(REGIONS)], "total_amount": float((i * 37) % 101)}
           for i in range(60)]

CELLS = [
    # NumberOfWorkers without WorkerType is refused, as AWS does (docs/notebooks.md): %worker_type as in the seed.
    "%glue_version 5.0\n%idle_timeout 60\n%worker_type G.1X\n%number_of_workers 2",
    "from awsglue.context import GlueContext\n"
    "from awsglue.transforms import ApplyMapping, Filter\n"
    "from pyspark.context import SparkContext\n"
    "glueContext = GlueContext(SparkContext.getOrCreate())\n"
    "spark = glueContext.spark_session\n"
    "print('GlueContext ready')",
    f"orders = glueContext.create_dynamic_frame.from_catalog(database='{DATABASE}', table_name='orders')\n"
    "print('orders read:', orders.count())",
    "mapped = ApplyMapping.apply(frame=orders, mappings=[\n"
    "    ('order_id', 'string', 'id', 'string'),\n"
    "    ('region', 'string', 'region', 'string'),\n"
    "    ('total_amount', 'double', 'amount', 'double')])\n"
    f"large = Filter.apply(frame=mapped, f=lambda row: row['amount'] >= {THRESHOLD})\n"
    "large.toDF().createOrReplaceTempView('large_orders')\n"
    "print('large orders:', large.count())",
    "%%sql\nSELECT region, COUNT(*) AS orders FROM large_orders GROUP BY region ORDER BY region",
    "import matplotlib.pyplot as plt\n"
    "counts = spark.sql('SELECT region, COUNT(*) AS n FROM large_orders GROUP BY region ORDER BY region').collect()\n"
    "plt.figure(figsize=(4, 3), dpi=80)\n"
    "plt.bar([row['region'] for row in counts], [row['n'] for row in counts])\n"
    "print('plotted', len(counts), 'regions')\n"
    "%matplot plt",
    "import plotly.graph_objects as go\n"
    "fig = go.Figure(go.Bar(x=[row['region'] for row in counts], y=[row['n'] for row in counts]),\n"
    "                layout={'width': 360, 'height': 240})\n"
    "%plotly fig",
    "spark.sql('SELECT * FROM notebook_acceptance.no_such_table').show()",
]


def put_orders_table(server, glue):
    s3 = boto3.client("s3", endpoint_url=server.s3_endpoint, region_name=REGION, **CREDENTIALS)
    s3.create_bucket(Bucket=BUCKET)
    half = len(RECORDS) // 2
    for part, records in enumerate((RECORDS[:half], RECORDS[half:])):
        s3.put_object(Bucket=BUCKET, Key=f"orders/part-{part}.json",
                      Body="".join(json.dumps(record) + "\n" for record in records).encode())
    glue.create_database(DatabaseInput={"Name": DATABASE})
    glue.create_table(DatabaseName=DATABASE, TableInput={
        "Name": "orders",
        "TableType": "EXTERNAL_TABLE",
        "Parameters": {"classification": "json"},
        "StorageDescriptor": {
            "Location": f"s3://{BUCKET}/orders/",
            "Columns": [{"Name": "order_id", "Type": "string"}, {"Name": "region", "Type": "string"},
                        {"Name": "total_amount", "Type": "double"}],
            "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
            "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "SerdeInfo": {"SerializationLibrary": "org.openx.data.jsonserde.JsonSerDe"},
        },
    })


def expected_sql_table(counts: dict[str, int]) -> str:
    """What DataFrame.show() prints for (region, orders) rows, laid out here by hand."""
    width_region = max(len("region"), *(len(region) for region in counts))
    width_orders = max(len("orders"), *(len(str(count)) for count in counts.values()))
    border = f"+{'-' * width_region}+{'-' * width_orders}+"
    lines = [border, f"|{'region':>{width_region}}|{'orders':>{width_orders}}|", border]
    lines += [f"|{region:>{width_region}}|{count:>{width_orders}}|" for region, count in sorted(counts.items())]
    lines.append(border)
    return "\n".join(lines)


def stream_text(cell) -> str:
    return "".join(output.get("text", "") for output in cell.outputs if output.get("output_type") == "stream")


def test_seed_style_notebook_runs_under_the_official_kernel(server, home, trap, tmp_path):  # noqa: F811 - fixtures
    glue = server.glue()
    put_orders_table(server, glue)
    large = [record for record in RECORDS if record["total_amount"] >= THRESHOLD]
    counts = {region: sum(1 for record in large if record["region"] == region) for region in REGIONS}
    setup_epoxy_kernel(server)

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in CELLS])
    replies = {}
    client = NotebookClient(notebook, kernel_name="glue_pyspark_epoxy", timeout=300, startup_timeout=120, allow_errors=True,
                            on_cell_executed=lambda cell, cell_index, execute_reply: replies.__setitem__(cell_index, execute_reply["content"]))
    client.execute()
    saved = tmp_path / "acceptance.ipynb"
    nbformat.write(notebook, saved)
    cells = nbformat.read(saved, as_version=4).cells

    texts = [stream_text(cell) for cell in cells]
    session_id = session_id_in(texts[1])
    assert texts[1].strip().splitlines()[-1] == "GlueContext ready", texts[1]
    assert texts[2].strip() == f"orders read: {len(RECORDS)}", texts[2]
    assert texts[3].strip() == f"large orders: {len(large)}", texts[3]
    assert expected_sql_table(counts) in texts[4], texts[4]

    images = [output for output in cells[5].outputs if output.get("output_type") == "display_data" and "image/png" in output.get("data", {})]
    assert len(images) == 1, cells[5].outputs
    assert png_size(base64.b64decode(images[0]["data"]["image/png"])) == (4 * 80, 3 * 80)
    assert texts[5].strip() == f"plotted {len(REGIONS)} regions", texts[5]

    plotly_images = [output for output in cells[6].outputs
                     if output.get("output_type") == "display_data" and "image/png" in output.get("data", {})]
    assert len(plotly_images) == 1, cells[6].outputs
    assert png_size(base64.b64decode(plotly_images[0]["data"]["image/png"])) == (360, 240)

    assert replies[7]["status"] == "error", replies[7]
    assert replies[7]["ename"] == "AnalysisException"
    assert "no_such_table" in replies[7]["evalue"]
    assert "AnalysisException: " in texts[7] and "no_such_table" in texts[7], texts[7]
    for index in range(1, 7):
        assert replies[index]["status"] == "ok", (index, replies[index])

    # nbclient shut the kernel down, which stops its session.
    assert wait_for_status(glue, session_id, {"STOPPED", "FAILED"}, timeout=90)["Status"] == "STOPPED"
    assert trap.hosts() <= {"pypi.org"}, trap.targets
