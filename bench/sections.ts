import fs from 'node:fs';

/**
 * Replaces (or appends) the section `name` of a Markdown file, kept between
 * `<!-- section:name -->` and `<!-- /section:name -->`, so that scripts measuring different
 * things (bench/run.ts, bench/crash.ts, test/fuzz/run.ts) each rewrite only their own part.
 */
export function writeSection(file: string, name: string, body: string): void {
  const open = `<!-- section:${name} -->`;
  const close = `<!-- /section:${name} -->`;
  const block = `${open}\n${body.trimEnd()}\n${close}`;
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  const next =
    a >= 0 && b > a
      ? text.slice(0, a) + block + text.slice(b + close.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
}

/** The sections of `text`, to carry over when a script rewrites the rest of the file. */
export function sectionsOf(text: string): string[] {
  return [...text.matchAll(/<!-- section:([\w-]+) -->[\s\S]*?<!-- \/section:\1 -->/g)].map((m) => m[0]);
}
