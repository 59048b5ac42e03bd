#!/usr/bin/env python3
"""Writes the bad-input corpus (issue 23): `make.py small` rewrites the committed small files in
files/; `make.py big DIR` writes the large ones (a 50 MB line, 10,000 columns, a million segment
values, a zip bomb, a workbook of a million empty formatted rows…) into DIR, which the CLI test and
the page test create at run time instead of committing them. cases.json gives each file's source
and expected outcome."""
import gzip, io, os, pathlib, random, struct, sys, zipfile, zlib
from xml.sax.saxutils import escape

HERE = pathlib.Path(__file__).resolve().parent
TICKETS = "Ticket ID,Created at,Solved at,Assignee,Group,Satisfaction Score\n"
T_ROWS = ("1,2024-01-05 10:00,2024-01-05 12:00,Ann,Billing,Good\n"
          "2,2024-01-06 09:00,2024-01-08 09:00,Bob,Tech,Bad\n"
          "3,2024-02-01 08:00,,Ann,Billing,\n")
SUBS = "customer,plan,amount,interval,start,end\n"
ORDERS = "order_id,customer,date,amount\n"
SURVEYS = "date,customer,type,score\n"


def small():
    files = {
        # encodings
        "utf16le_no_bom.csv": (TICKETS + T_ROWS).encode("utf-16-le"),
        "utf16be_bom.csv": b"\xfe\xff" + (TICKETS + T_ROWS).encode("utf-16-be"),
        "latin1_accents.csv": (SURVEYS + "2024-01-03,Zoë Müller,nps,10\n2024-01-04,José Peña,nps,3\n2024-01-05,Françoise,nps,9\n").encode("latin-1"),
        "invalid_utf8.csv": (TICKETS + "1,2024-01-05 10:00,2024-01-05 12:00,An").encode() + b"\xff\xfe\xc3" + b"n,Billing,Good\n" + T_ROWS.split("\n", 1)[1].encode(),
        "nul_bytes.csv": (TICKETS + "1,2024-01-05 10:00,2024-01-05 12:00,A\x00nn,Billing,Good\n2,2024-01-06 09:00,\x00,Bob,Tech,Bad\n").encode(),
        # structure
        "mixed_delimiters.csv": (SUBS.replace(",", ";") + "A;Basic;50.00;month;2024-01-01;\nB,Pro,100.00,month,2024-01-01,\nC;Pro;100.00;month;2024-02-01;\n").encode(),
        "unbalanced_quotes.csv": (TICKETS + '1,2024-01-05 10:00,2024-01-05 12:00,"Ann,Billing,Good\n2,2024-01-06 09:00,2024-01-08 09:00,Bob,Tech,Bad\n').encode(),
        "stray_quote_mid_field.csv": (TICKETS + '1,2024-01-05 10:00,2024-01-05 12:00,Ann "the fixer" Lee,Billing,Good\n2,2024-01-06 09:00,2024-01-08 09:00,"Bob"x,Tech,Bad\n').encode(),
        "ragged_rows.csv": (TICKETS + "1,2024-01-05 10:00,2024-01-05 12:00,Ann\n2,2024-01-06 09:00,2024-01-08 09:00,Bob,Tech,Bad,extra,more\n3,2024-02-01 08:00\n").encode(),
        "duplicate_headers.csv": ("customer,plan,amount,amount,interval,start,end\nA,Basic,50.00,999,month,2024-01-01,\nB,Pro,100.00,999,month,2024-01-01,\n").encode(),
        "empty_headers.csv": ("customer,,amount,,start,end\nA,Basic,50.00,month,2024-01-01,\nB,Pro,100.00,month,2024-01-01,\n").encode(),
        "header_only.csv": TICKETS.encode(),
        "empty.csv": b"",
        "bom_only.csv": b"\xef\xbb\xbf",
        "whitespace_only.csv": b"  \n\t\n   \r\n",
        "binary_renamed.csv": bytes(random.Random(23).randrange(256) for _ in range(4096)),
        "png_renamed.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "crlf_and_cr_line_ends.csv": (TICKETS + T_ROWS).replace("\n", "\r\n", 2).replace("\n", "\r").encode(),
        "quoted_newlines.csv": (TICKETS + '1,2024-01-05 10:00,2024-01-05 12:00,"Ann\nLee",Billing,Good\n2,2024-01-06 09:00,2024-01-08 09:00,Bob,"Tech\r\nTier 2",Bad\n').encode(),
        "trailing_delimiters.csv": (TICKETS.rstrip("\n") + ",,\n" + "".join(r + ",,\n" for r in T_ROWS.splitlines())).encode(),
        "long_header_name.csv": ("Ticket ID,Created at," + "x" * 100_000 + "\n1,2024-01-05 10:00,y\n").encode(),
        # dates
        "mixed_date_formats.csv": (ORDERS + "1,a,2024-01-05,10.00\n2,b,01/06/2024,20.00\n3,c,Jan 7 2024,30.00\n4,d,2024-01-08T10:00:00Z,40.00\n5,e,yesterday,50.00\n").encode(),
        "ambiguous_day_month.csv": (ORDERS + "1,a,01/02/2024,10.00\n2,b,03/04/2024,20.00\n3,c,05/06/2024,30.00\n").encode(),
        "day_first_evidence.csv": (ORDERS + "1,a,01/02/2024,10.00\n2,b,25/03/2024,20.00\n3,c,05/06/2024,30.00\n").encode(),
        "two_digit_years.csv": (ORDERS + "1,a,1/5/24,10.00\n2,b,2/5/24,20.00\n3,c,12/31/99,30.00\n").encode(),
        "far_dates.csv": (ORDERS + "1,a,2024-01-05,10.00\n2,b,0001-01-01,20.00\n3,c,9999-12-31,30.00\n4,d,1899-12-30,40.00\n").encode(),
        "impossible_dates.csv": (ORDERS + "1,a,2024-02-30,10.00\n2,b,2023-02-29,20.00\n3,c,2024-02-29,30.00\n").encode(),
        # numbers
        "nan_inf_amounts.csv": (SUBS + "A,Basic,NaN,month,2024-01-01,\nB,Pro,inf,month,2024-01-01,\nC,Pro,-Infinity,month,2024-01-01,\nD,Pro,100.00,month,2024-01-01,\n").encode(),
        "huge_1e308.csv": (ORDERS + "1,a,2024-01-05,1e308\n2,b,2024-01-06,10.00\n3,c,2024-01-07,1.8e308\n").encode(),
        "negative_money.csv": (ORDERS + "1,a,2024-01-05,100.00\n2,a,2024-01-06,-40.00\n3,b,2024-01-07,(25.50)\n4,b,2024-01-08,10.00-\n").encode(),
        "mixed_currencies.csv": (ORDERS + "1,a,2024-01-05,$100.00\n2,b,2024-01-06,€50.00\n3,c,2024-01-07,USD 20.00\n").encode(),
        "forty_digit_numbers.csv": (ORDERS + "1,a,2024-01-05,1234567890123456789012345678901234567890\n2,b,2024-01-06,10.00\n").encode(),
        "score_out_of_range.csv": (SURVEYS + "2024-01-03,c1,nps,11\n2024-01-04,c2,nps,-1\n2024-01-05,c3,nps,9.5\n2024-01-06,c4,nps,10\n2024-01-07,c5,nps,0\n").encode(),
        "formula_cells.csv": (SUBS + '=HYPERLINK("http://evil.example","x"),Basic,50.00,month,2024-01-01,\n+cmd|calc,Pro,"=1+1",month,2024-01-01,\n@SUM(A1),Pro,100.00,month,2024-01-01,\n').encode(),
        "markup_cells.csv": ("customer,plan <img src=x onerror=alert(1)>,amount,interval,start,end\n"
                             "<script>alert(1)</script>,<b onmouseover=alert(2)>Pro</b>,100.00,month,2024-01-01,\n"
                             "B,\"<img src=x onerror=alert(3)>\",50.00,month,2024-01-01,\n").encode(),
        # keys
        "blank_keys.csv": (SUBS + ",Basic,50.00,month,2024-01-01,\n  ,Pro,100.00,month,2024-01-01,\n,Pro,100.00,month,2024-02-01,\n").encode(),
        "duplicate_ticket_ids.csv": (TICKETS + T_ROWS + "1,2024-03-05 10:00,2024-03-05 11:00,Ann,Billing,Good\n").encode(),
        "email_case_and_spaces.csv": (ORDERS + "1,Ann@Example.com,2024-01-05,10.00\n2, ann@example.com ,2024-02-05,20.00\n3,ANN@EXAMPLE.COM,2024-03-05,30.00\n").encode(),
        # containers
        "truncated.csv.gz": gzip.compress((TICKETS + T_ROWS).encode())[:-12],
        "zip_without_table.zip": zipped({"notes.txt": b"nothing here", "img.png": b"\x89PNG"}),
        "not_really_gzip.csv.gz": b"\x1f\x8b\x08\x00" + b"garbage" * 10,
    }
    # files/looping_sector_chain.xls and files/huge_dimensions.xls are not made here: they are the
    # .xls files fuzzing found (calamine read the first into 24 GB and aborted on the second's
    # 41 TB reservation), kept as found.
    out = HERE / "files"
    out.mkdir(exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
    print(f"{len(files)} small files in {out}")


def zipped(entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def gzip_lying_length():
    """A valid deflate stream whose trailer says 1 byte (ISIZE) and a wrong CRC."""
    data = (TICKETS + T_ROWS).encode()
    good = gzip.compress(data)
    return good[:-8] + struct.pack("<II", zlib.crc32(data), 1)


def zip_bomb(path):
    """An entry that inflates to 2 GiB of zeros (about 2 MB compressed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("tickets.csv", "w", force_zip64=True) as f:
            f.write(TICKETS.encode())
            block = b"\0" * (1 << 20)
            for _ in range(2048):
                f.write(block)


def empty_formatted_workbook(path, rows, sheet_name="Subscriptions"):
    """An xlsx whose sheet (named `sheet_name`) has a header, one data row and then `rows` rows of
    styled empty cells."""
    sheet = io.StringIO()
    sheet.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    sheet.write('<row r="1"><c r="A1" t="inlineStr"><is><t>customer</t></is></c><c r="B1" t="inlineStr"><is><t>plan</t></is></c><c r="C1" t="inlineStr"><is><t>amount</t></is></c><c r="D1" t="inlineStr"><is><t>start</t></is></c></row>')
    sheet.write('<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2" t="inlineStr"><is><t>Pro</t></is></c><c r="C2"><v>100</v></c><c r="D2" t="inlineStr"><is><t>2024-01-01</t></is></c></row>')
    for r in range(3, rows + 3):
        sheet.write(f'<row r="{r}"><c r="A{r}" s="1"/><c r="B{r}" s="1"/></row>')
    sheet.write("</sheetData></worksheet>")
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
          f'<sheets><sheet name="{escape(sheet_name, {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wbrels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
              '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    styles = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="1"><font/></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>'
              '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf fillId="1" applyFill="1"/></cellXfs></styleSheet>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wbrels)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/worksheets/sheet1.xml", sheet.getvalue())


def big(out):
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    done = lambda name: (out / name).exists()
    if not done("wide_10000_columns.csv"):
        header = "Ticket ID,Created at,Solved at," + ",".join(f"extra {i}" for i in range(9997))
        rows = [f"{i},2024-01-0{i} 10:00,2024-01-0{i} 12:00," + ",".join(str(j % 7) for j in range(9997)) for i in range(1, 4)]
        (out / "wide_10000_columns.csv").write_text(header + "\n" + "\n".join(rows) + "\n")
    if not done("single_50mb_line.csv"):
        (out / "single_50mb_line.csv").write_text("Ticket ID,Created at,Solved at,Assignee\n1,2024-01-05 10:00,2024-01-05 12:00," + "A" * (50 << 20) + "\n2,2024-01-06 09:00,,Bob\n")
    if not done("million_segments.csv"):
        with open(out / "million_segments.csv", "w") as f:
            f.write("ID,Created at,Solved at,Assignee\n")
            for i in range(1_000_000):
                f.write(f"{i},2024-0{1 + i % 3}-1{i % 10} 10:00,2024-0{1 + i % 3}-1{i % 10} 11:00,agent-{i}\n")
    if not done("zip_bomb.zip"):
        zip_bomb(out / "zip_bomb.zip")
    if not done("gzip_lying_length.csv.gz"):
        (out / "gzip_lying_length.csv.gz").write_bytes(gzip_lying_length())
    if not done("workbook_1m_empty_rows.xlsx"):
        empty_formatted_workbook(out / "workbook_1m_empty_rows.xlsx", 1_000_000)


if __name__ == "__main__":
    if sys.argv[1:2] == ["small"]:
        small()
    elif sys.argv[1:2] == ["big"] and len(sys.argv) == 3:
        big(sys.argv[2])
    else:
        sys.exit("usage: make.py small | make.py big DIR")
