#!/usr/bin/env python3
"""Workbooks and CSV folders as other programs write them, for tests/graphs/xlsx_loader_test.cpp.

    make_workbooks.py OUTDIR

writes, with python3-openpyxl (Debian) and by hand where openpyxl cannot (rich text runs, inline
strings, zip bombs):
  survey.xlsx     a good survey in Chinese: title row merged above the header, date cells, percent
                  cells, "90%" strings, numbers stored as text, Chinese enumerations, a segment by
                  name, a rich-text name, an inline string, trailing styled empty rows and columns
  mistakes.xlsx   the mistakes people make (95 for 95 %, "abc", an unknown role, a certificate of an
                  unknown firm, an unknown status, a share of 60, an impossible date)
  bomb.xlsx       a zip whose one part unpacks to 64 MiB of zeros
  notzip.xlsx     text named .xlsx
  gbk/            a CSV folder saved as GBK (Chinese Excel's and WPS's "CSV"), Chinese headers and values
  utf16le/, utf16be/  the same folder as UTF-16 with a byte-order mark
"""
import datetime
import os
import re
import sys
import zipfile

import openpyxl
from openpyxl.styles import Font

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


# --- survey.xlsx -------------------------------------------------------------------------------
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "说明"
ws["A1"] = "填写说明：本工作表不被读取"

ws = wb.create_sheet("产业链")
ws["A1"] = "产业链信息"
ws.merge_cells("A1:D1")
ws.append(["产业链编号", "产业链名称", "数据日期", "默认检出率"])
ws.append(["T1", "测试链", datetime.datetime(2024, 6, 1), "85%"])
ws["C3"].number_format = "yyyy-mm-dd"

ws = wb.create_sheet("环节")
ws.append(["环节编号", "环节名称", "顺序"])
ws.append(["S1", "零部件", 0])
ws.append(["S2", "整机", "1"])  # a number stored as text

ws = wb.create_sheet("问题目录")
ws.append(["问题代码", "问题名称", "类别", "合格率损失"])
ws.append(["MAT-01", "来料超差", "料", "2%"])

ws = wb.create_sheet("企业")
ws.append(["企业编号", "企业名称", "规模", "环节", "一次合格率", "检出率", "成熟度", "帮扶开始日期", "员工人数", "帮扶单位"])
ws.append(["A", "RICHTEXT", "小型", "零部件", 0.95, "90%", "发展级", "2024/6/1", "12", "某认证机构"])
ws.append(["L", "链主公司", "链主", "S2", "0.97", 0.95, "跨越级", "2024年6月1日", 300, "INLINE"])
ws["E2"].number_format = "0%"
ws["F3"].number_format = "0.0%"
ws["N2"].font = Font(bold=True)  # styled empty cells: trailing columns and rows hold nothing
ws["A12"].font = Font(bold=True)

ws = wb.create_sheet("认证")
ws.append(["企业编号", "认证名称", "状态", "到期日"])
ws.append(["A", "ISO9001", "有效", datetime.datetime(2026, 5, 1)])
ws.append(["L", "IATF16949", "认证中", None])
ws["D2"].number_format = "yyyy/m/d"

ws = wb.create_sheet("企业质量问题")
ws.append(["企业编号", "问题代码", "严重程度"])
ws.append(["A", "MAT-01", 3])

ws = wb.create_sheet("供应关系")
ws.append(["供应商编号", "客户编号", "份额", "必需", "要求认证"])
ws.append(["A", "L", "100%", "是", "ISO9001；IATF16949"])
survey = os.path.join(out, "survey.xlsx")
wb.save(survey)


# openpyxl writes inline strings only: give the package a shared-string table as Excel writes it,
# with a rich-text entry (two runs: 甲 and a bold 精密) and a plain one.
firm_sheet = "xl/worksheets/sheet5.xml"  # 说明, 产业链, 环节, 问题目录, 企业
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="2" uniqueCount="2">'
          '<si><r><t>甲</t></r><r><rPr><b/><sz val="11"/></rPr><t>精密</t></r></si><si><t>某检测站</t></si></sst>' % MAIN)


def cells_to_shared(xml):
    xml = xml.replace('<c r="B2" t="inlineStr"><is><t>RICHTEXT</t></is></c>', '<c r="B2" t="s"><v>0</v></c>')
    xml = xml.replace('<c r="J3" t="inlineStr"><is><t>INLINE</t></is></c>', '<c r="J3" t="s"><v>1</v></c>')
    assert 't="s"><v>0' in xml and 't="s"><v>1' in xml, "cells not found"
    return xml


def add_relation(xml):
    return xml.replace("</Relationships>", '<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')


def add_type(xml):
    return xml.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                       'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')


def rewrite(path, edits, extra):
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename in edits:
                data = edits[item.filename](data.decode("utf-8")).encode("utf-8")
            dst.writestr(item, data)
        for name, text in extra.items():
            dst.writestr(name, text.encode("utf-8"))
    os.replace(tmp, path)


rewrite(survey, {firm_sheet: cells_to_shared, "xl/_rels/workbook.xml.rels": add_relation, "[Content_Types].xml": add_type},
        {"xl/sharedStrings.xml": shared})

# A character reference beyond Unicode (liborcus 0.17 aborts on it; qchain refuses the workbook first).
import shutil
charref = os.path.join(out, "charref.xlsx")
shutil.copy(survey, charref)
rewrite(charref, {firm_sheet: lambda xml: xml.replace("<t>A</t>", "<t>&#x110000;</t>", 1)}, {})

# --- mistakes.xlsx -----------------------------------------------------------------------------
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "企业"
ws.append(["id", "name", "role", "first_pass_yield", "assisted_since"])
ws.append(["A", "甲", "小型", 95, None])        # D2: 95 meant as 95 %
ws.append(["B", "乙", "巨型", 0.9, None])       # C3: no such role
ws.append(["L", "链主", "链主", "abc", "2024/13/45"])  # D4: not a number; E4: not a date
ws = wb.create_sheet("认证")
ws.append(["企业编号", "认证名称", "状态"])
ws.append(["Z", "ISO9001", "有效"])  # A2: unknown firm
ws.append(["A", "ISO9001", "好"])    # C3: unknown status
ws = wb.create_sheet("供应关系")
ws.append(["供应商编号", "客户编号", "份额"])
ws.append(["A", "L", 60])            # C2: 60 meant as 60 %
ws.append(["B", "L", None])
wb.save(os.path.join(out, "mistakes.xlsx"))

# --- sparse.xlsx: 50,000 rows with a cell in the last column, XFD (a giant sheet in little space) ----
wb = openpyxl.Workbook()
wb.active.title = "firms"
wb.active.append(["id", "name", "role"])
sparse = os.path.join(out, "sparse.xlsx")
wb.save(sparse)
rows = "".join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>F%d</t></is></c><c r="XFD%d"><v>1</v></c></row>' % (r, r, r, r)
               for r in range(2, 50002))
rewrite(sparse, {"xl/worksheets/sheet1.xml": lambda xml: xml.replace("</sheetData>", rows + "</sheetData>")}, {})

# --- bomb.xlsx, notzip.xlsx --------------------------------------------------------------------
with zipfile.ZipFile(os.path.join(out, "bomb.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 << 20))
with open(os.path.join(out, "notzip.xlsx"), "w") as f:
    f.write("id,name\n")

# --- CSV folders in GBK and UTF-16 -------------------------------------------------------------
firms = "企业编号,企业名称,规模,一次合格率\r\nA,恒达丝网,小型,95%\r\nL,安平链主,链主,0.97\r\n"
links = "供应商编号,客户编号,必需\r\nA,L,是\r\n"
for name, encoding, bom in [("gbk", "gbk", b""), ("utf16le", "utf-16-le", b"\xff\xfe"), ("utf16be", "utf-16-be", b"\xfe\xff")]:
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    for file, text in [("firms.csv", firms), ("links.csv", links)]:
        with open(os.path.join(folder, file), "wb") as f:
            f.write(bom + text.encode(encoding))
