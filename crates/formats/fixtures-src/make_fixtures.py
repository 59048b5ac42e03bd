"""Makes the small workbook, gzip and zip fixtures of northstar-formats' tests and of the golden
cases in crates/metrics/tests/golden. Run from the repository root:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install openpyxl==3.1.5 xlwt==1.3.0 odfpy==1.4.1
    /tmp/venv/bin/python crates/formats/fixtures-src/make_fixtures.py

Cells are written with their own types (date and date-time cells, numbers, booleans, error
cells), not as text, so the tests check how each type reads. The expected values are worked out by
hand in each case.txt and test, not read back from these files.
"""

import datetime as dt
import gzip
import io
import os
import zipfile

from msoffcrypto.format.ooxml import OOXMLFile
import openpyxl
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

ROOT = os.getcwd()
FIXTURES = os.path.join(ROOT, "crates/formats/tests/fixtures")
GOLDEN = os.path.join(ROOT, "crates/metrics/tests/golden")
FIXED = dt.datetime(2024, 1, 1, 0, 0, 0)


def golden(source, case, name):
    folder = os.path.join(GOLDEN, source, case)
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, name)


# --- The typed sheet of the unit tests: one of each kind of cell ---------------------------------
HEADER = ["name", "when", "at", "amount", "count", "flag", "ratio", "note"]
ERROR = object()  # an error cell (#DIV/0! or #N/A)
ROWS = [
    ["alpha", dt.date(2024, 1, 5), dt.datetime(2024, 1, 5, 10, 30), 19.99, 3, True, ("#DIV/0!", ERROR), 'says "hi", twice'],
    ["beta", dt.date(2024, 2, 29), dt.datetime(2024, 3, 1, 0, 0), 0.1 + 0.2, 1000000, False, ("#N/A", ERROR), "multi\nline"],
    None,  # an empty row inside the data
    ["gamma", dt.date(1999, 12, 31), dt.datetime(2024, 6, 30, 23, 59, 59), 1e20, -42, True, 1.5, None],
]


def types_xlsx():
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "Hidden"
    hidden["A1"] = "secret"
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("Data")
    ws["B1"] = " "  # a row that holds only a blank string: skipped like an empty row
    # Row 2 empty; the header on row 3.
    for c, h in enumerate(HEADER, start=1):
        ws.cell(row=3, column=c, value=h)
    for r, row in enumerate(ROWS, start=4):
        for c, v in enumerate(row or [], start=1):
            if isinstance(v, tuple):
                ws.cell(row=r, column=c, value=v[0])  # openpyxl stores "#DIV/0!" as an error cell
            elif v is not None:
                cell = ws.cell(row=r, column=c, value=v)
                if isinstance(v, dt.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm:ss"
                elif isinstance(v, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    other = wb.create_sheet("Other")
    other.append(["x", "y"])
    other.append([1, 2])
    chart = wb.create_chartsheet("Chart")
    wb.active = 1
    wb.properties.created = wb.properties.modified = FIXED
    wb.save(os.path.join(FIXTURES, "types.xlsx"))
    assert ws["A5"].data_type == "s" and ws["G4"].data_type == "e", "error cells typed as errors"


def encrypted_xlsx():
    """A small workbook saved with a password (Excel's agile encryption: an OLE2 file)."""
    wb = openpyxl.Workbook()
    wb.active.append(["id", "amount"])
    wb.active.append([1, 2.5])
    wb.properties.created = wb.properties.modified = FIXED
    plain = io.BytesIO()
    wb.save(plain)
    plain.seek(0)
    with open(os.path.join(FIXTURES, "encrypted.xlsx"), "wb") as out:
        OOXMLFile(plain).encrypt("secret", out)


def spread_xlsx():
    """A small table and one stray value in the sheet's last cell (XFD1048576)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["id", "amount"])
    ws.append([1, 2.5])
    ws["XFD1048576"] = "stray"
    wb.properties.created = wb.properties.modified = FIXED
    wb.save(os.path.join(FIXTURES, "spread.xlsx"))


def types_xls():
    wb = xlwt.Workbook()
    ws = wb.add_sheet("Data")
    other = wb.add_sheet("Other")
    date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    stamp = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM:SS")
    for c, h in enumerate(HEADER):
        ws.write(2, c, h)
    for r, row in enumerate(ROWS, start=3):
        for c, v in enumerate(row or []):
            if isinstance(v, tuple):
                ws.row(r).set_cell_error(c, {"#N/A": 0x2A}.get(v[0], v[0]))  # xlwt knows #N/A by code only
            elif isinstance(v, dt.datetime):
                ws.write(r, c, v, stamp)
            elif isinstance(v, dt.date):
                ws.write(r, c, v, date)
            elif v is not None:
                ws.write(r, c, v)
    other.write(0, 0, "x")
    other.write(1, 0, 1)
    wb.save(os.path.join(FIXTURES, "types.xls"))


def ods_cell(v):
    if v is None:
        return TableCell()
    if isinstance(v, tuple):  # OpenDocument has no error type: LibreOffice writes the text
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=v[0]))
        return cell
    if isinstance(v, bool):
        cell = TableCell(valuetype="boolean", booleanvalue="true" if v else "false")
        text = "TRUE" if v else "FALSE"
    elif isinstance(v, dt.datetime):
        cell = TableCell(valuetype="date", datevalue=v.strftime("%Y-%m-%dT%H:%M:%S"))
        text = v.strftime("%Y-%m-%d %H:%M:%S")
    elif isinstance(v, dt.date):
        cell = TableCell(valuetype="date", datevalue=v.isoformat())
        text = v.isoformat()
    elif isinstance(v, (int, float)):
        cell = TableCell(valuetype="float", value=repr(v))
        text = repr(v)
    else:
        cell = TableCell(valuetype="string")
        for i, line in enumerate(str(v).split("\n")):
            cell.addElement(P(text=line))
        return cell
    cell.addElement(P(text=text))
    return cell


def ods_table(name, rows):
    table = Table(name=name)
    for row in rows:
        tr = TableRow()
        for v in row or [None]:
            tr.addElement(ods_cell(v))
        table.addElement(tr)
    return table


def ods(path, sheets):
    doc = OpenDocumentSpreadsheet()
    for name, rows in sheets:
        doc.spreadsheet.addElement(ods_table(name, rows))
    doc.save(path)


def types_ods():
    rows = [None, None, HEADER] + ROWS
    ods(os.path.join(FIXTURES, "types.ods"), [("Data", rows), ("Other", [["x"], [1]]), ("Empty", [None])])


# --- Golden cases ------------------------------------------------------------------------------
TICKETS_HEADER = "ID,Created at,Solved at,Replies,Reopens,Assignee,Group,Via,Satisfaction Score,First reply time in minutes,Requester\n"


def tickets_gzip():
    """Two gzip members, as `cat a.gz b.gz` makes: the header and tickets 1-3, then 4-6."""
    first = TICKETS_HEADER + (
        "1,2024-03-01 09:00:00,2024-03-01 13:00:00,1,0,Ann,Billing,email,Good,30,c1\n"
        "2,2024-03-02 10:00:00,2024-03-03 10:00:00,3,0,Bob,Tech,web,Good,120,c2\n"
        "3,2024-03-05 08:00:00,2024-03-05 20:00:00,1,0,Ann,Tech,email,Bad,600,c3\n"
    )
    second = (
        "4,2024-03-10 12:00:00,,0,0,Bob,Billing,chat,Not Offered,,c4\n"
        "5,2024-04-02 09:00:00,2024-04-02 11:00:00,1,0,Ann,Billing,email,Good,15,c5\n"
        "6,2024-04-03 09:00:00,2024-04-05 09:00:00,3,1,Bob,Tech,web,Offered,90,c6\n"
    )
    with open(golden("tickets", "09_gzip_two_members", "input.csv.gz"), "wb") as f:
        for part in (first, second):
            f.write(gzip.compress(part.encode(), mtime=0))


def surveys_zip():
    """Two CSV exports (and macOS junk) in one archive; the case picks the second."""
    old = "date,customer,type,score,plan,comment\n2023-01-05,c1,nps,0,Pro,\n2023-01-06,c2,nps,1,Pro,\n"
    new = (
        "date,customer,type,score,plan,comment\n"
        "2024-05-02,c1,nps,10,Pro,\n2024-05-03,c2,nps,9,Basic,\n2024-05-04,c3,nps,7,Pro,\n"
        "2024-05-05,c4,nps,3,Basic,slow\n2024-06-01,c5,nps,10,Pro,\n2024-06-02,c6,nps,6,Basic,\n"
    )
    with zipfile.ZipFile(golden("surveys", "15_zip_pick_an_entry", "input.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [
            ("exports/", ""),
            ("exports/nps_2023.csv", old),
            ("exports/nps_2024.csv", new),
            ("__MACOSX/exports/._nps_2024.csv", "\0\x05\x16\x07"),
        ]:
            info = zipfile.ZipInfo(name, date_time=(2024, 7, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
            z.writestr(info, text)


def orders_xlsx():
    """Orders with typed cells, the header on row 3 (rows 1-2 empty), a second sheet after it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Orders"
    ws["A1"] = " "
    header = ["order_id", "customer", "date", "amount", "status", "amount_refunded"]
    rows = [
        [1, "alice", dt.date(2024, 1, 5), 100.5, "paid"],
        [2, "bob", dt.datetime(2024, 1, 10, 10, 30), 49.5, "paid"],
        [3, "carol", dt.date(2024, 1, 20), 30, "failed"],
        [4, "alice", dt.date(2024, 2, 3), 80.25, "paid"],
        [5, "dave", dt.date(2024, 2, 14), 19.99, "paid"],
    ]
    for c, h in enumerate(header, start=1):
        ws.cell(row=3, column=c, value=h)
    for r, row in enumerate(rows, start=4):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, dt.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(v, dt.date):
                cell.number_format = "dd/mm/yyyy"  # shown day first; the cell holds a date
            elif c == 4:
                cell.number_format = '"$"#,##0.00'
    notes = wb.create_sheet("Notes")
    notes["A1"] = "Exported from the shop admin"
    wb.properties.created = wb.properties.modified = FIXED
    wb.save(golden("orders", "10_xlsx_typed_cells", "input.xlsx"))


def surveys_xls():
    wb = xlwt.Workbook()
    ws = wb.add_sheet("Responses")
    date = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    stamp = xlwt.easyxf(num_format_str="DD.MM.YYYY HH:MM")
    header = ["date", "customer", "type", "score", "plan", "comment"]
    rows = [
        [dt.date(2024, 2, 1), "c1", "nps", 10, "Pro", None],
        [dt.date(2024, 2, 10), "c2", "nps", 8, "Basic", None],
        [dt.date(2024, 2, 20), "c3", "nps", 2, "Basic", 'too "slow", really'],
        [dt.date(2024, 3, 5), "c4", "csat", 5, "Pro", None],
        [dt.date(2024, 3, 6), "c5", "csat", 4, "Basic", None],
        [dt.date(2024, 3, 7), "c6", "csat", 2, "Pro", "no; never"],
        [dt.datetime(2024, 3, 8, 14, 30), "c7", "nps", 9, "Pro", None],
    ]
    for c, h in enumerate(header):
        ws.write(0, c, h)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if isinstance(v, dt.datetime):
                ws.write(r, c, v, stamp)
            elif isinstance(v, dt.date):
                ws.write(r, c, v, date)
            elif v is not None:
                ws.write(r, c, v)
    wb.save(golden("surveys", "16_xls_typed_cells", "input.xls"))


def tickets_ods():
    """A summary sheet first; the tickets on the sheet named `Tickets`, with date-time cells."""
    header = TICKETS_HEADER.strip().split(",")
    rows = [
        header,
        [1, dt.datetime(2024, 5, 6, 9, 0), dt.datetime(2024, 5, 6, 15, 0), 1, 0, "Ann", "Billing", "email", "Good", 45, "c1"],
        [2, dt.datetime(2024, 5, 7, 10, 0), dt.datetime(2024, 5, 9, 10, 0), 3, 0, "Bob", "Tech", "web", "Bad", 180, "c2"],
        [3, dt.datetime(2024, 5, 20, 8, 0), None, 0, 0, "Ann", "Tech", "chat", "Not Offered", None, "c3"],
    ]
    summary = [["Support export, May 2024"], ["tickets", 3]]
    ods(golden("tickets", "10_ods_named_sheet", "input.ods"), [("Summary", summary), ("Tickets", rows)])


if __name__ == "__main__":
    os.makedirs(FIXTURES, exist_ok=True)
    types_xlsx()
    encrypted_xlsx()
    spread_xlsx()
    types_xls()
    types_ods()
    tickets_gzip()
    surveys_zip()
    orders_xlsx()
    surveys_xls()
    tickets_ods()
    print("fixtures written")
