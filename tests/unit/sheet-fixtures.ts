import ExcelJS from 'exceljs';
import zlib from 'node:zlib';
import { ROSTER_HEADERS, rosterRows } from './helpers';

/**
 * Hostile and broken spreadsheets, as real bytes, for the importer tests (tests/unit/sheet-import.test.ts) and the
 * import benchmark (tests/bench/sheet-import.ts).
 */

/** A real roster of `rows` members, with one stray cell in the last column Excel has (XFD = 16384). */
export async function xfdColumnXlsx(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('代表名册');
  ws.addRow(ROSTER_HEADERS);
  for (const r of rosterRows(rows)) ws.addRow(r);
  ws.getCell(rows + 1, 16384).value = '备注';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface RawEntry {
  name: string;
  /** Raw deflate data (method 8). */
  deflated: Buffer;
  /** Written in the zip's headers as the uncompressed size. */
  size: number;
  crc: number;
}

const entry = (name: string, text: string): RawEntry => {
  const data = Buffer.from(text, 'utf8');
  return { name, deflated: zlib.deflateRawSync(data), size: data.length, crc: zlib.crc32(data) };
};

/** A zip of deflated entries, written by hand so that the sizes it declares can lie. */
export function writeZip(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(e.crc, 14);
    lh.writeUInt32LE(e.deflated.length, 18);
    lh.writeUInt32LE(e.size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(e.crc, 16);
    ch.writeUInt32LE(e.deflated.length, 20);
    ch.writeUInt32LE(e.size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    parts.push(lh, name, e.deflated);
    central.push(ch, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>';
const SHEET_TAIL = '</sheetData></worksheet>';

/**
 * A workbook whose one sheet inflates to about `inflatedMb` MB (XML padded with spaces), compressed ~1000:1.
 * Built without ever holding the inflated bytes: 1 MB of spaces is deflated once with a full flush (a byte-aligned,
 * non-final block that refers to nothing before it) and that block repeated, then the tail closes the stream.
 * `declaredBytes` is what the zip says the sheet inflates to (the truth unless given: the lying zip); `garble` makes
 * the sheet's compressed data invalid.
 */
export function zipBombXlsx(inflatedMb: number, declaredBytes?: number, garble = false): Buffer {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const head = Buffer.from(SHEET_HEAD, 'utf8');
  const tail = Buffer.from(SHEET_TAIL, 'utf8');
  const full = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const block = zlib.deflateRawSync(chunk, full);
  const blocks: Buffer[] = [zlib.deflateRawSync(head, full)];
  let crc = zlib.crc32(head);
  for (let i = 0; i < inflatedMb; i++) {
    blocks.push(block);
    crc = zlib.crc32(chunk, crc);
  }
  blocks.push(zlib.deflateRawSync(tail));
  crc = zlib.crc32(tail, crc);
  const size = head.length + inflatedMb * chunk.length + tail.length;
  return writeZip([
    entry(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    entry(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    entry(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<sheets><sheet name="代表名册" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    entry(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    // garble: a first byte whose block type (binary 11) deflate does not have.
    {
      name: 'xl/worksheets/sheet1.xml',
      deflated: garble ? Buffer.concat([Buffer.from([0x07]), ...blocks]) : Buffer.concat(blocks),
      size: declaredBytes ?? Math.min(size, 0xfffffffe),
      crc,
    },
  ]);
}

/** A real workbook with a formula cell in the 姓名 column of data row 3 (spreadsheet row 5): with or without a cached result. */
export async function formulaXlsx(cached: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('代表名册');
  ws.addRow(['江北区人大代表名册']);
  ws.addRow(['姓名', '性别', '联系电话']);
  ws.addRow(['张三', '男', '13800138000']);
  ws.addRow(['李四', '女', '13800138001']);
  ws.addRow([
    cached ? { formula: 'CONCATENATE("王","五")', result: '王五' } : { formula: 'CONCATENATE("王","五")' },
    '男',
    '13800138002',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
