/**
 * A real, small PDF of lesson slides made in code (the demo needs one without any network): one page
 * per slide, a Chinese title in the PDF's standard Chinese font (STSong-Light, which readers supply, so
 * nothing is embedded) and lines of text below it.
 */
const utf16Hex = (s: string) =>
  [...s]
    .map((ch) => {
      const c = ch.codePointAt(0)!;
      return c > 0xffff ? '' : c.toString(16).padStart(4, '0');
    })
    .join('');

export function lessonSlidesPdf(title: string, slides: string[]): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body); // the object's number (1-based)
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // pages, filled in below
  const font = add(
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>] >>',
  );
  const kids: number[] = [];
  slides.forEach((text, i) => {
    const lines = [`${i + 1} / ${slides.length}`, ...wrap(text, 22)];
    const ops = [
      'BT',
      `/F1 28 Tf 60 480 Td <${utf16Hex(title)}> Tj`,
      ...lines.map((l, k) => `/F1 20 Tf 0 ${k === 0 ? -60 : -34} Td <${utf16Hex(l)}> Tj`),
      'ET',
    ].join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  });
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function wrap(s: string, n: number): string[] {
  const chars = [...s];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += n) out.push(chars.slice(i, i + n).join(''));
  return out;
}

/** Pages of a PDF (its page objects), for "how far" in slides. */
export const pdfPages = (data: Buffer) =>
  (data.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
