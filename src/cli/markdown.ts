/**
 * Renders lesson markdown for the terminal (headings, lists, tables, code,
 * emphasis) with marked + marked-terminal, loaded only when a lesson is shown.
 */
import type { MarkedExtension, Token } from 'marked';
import { colorEnabled, plain } from './output.js';

export async function renderMarkdown(markdown: string): Promise<string> {
  const [{ Marked }, { markedTerminal }] = await Promise.all([
    import('marked'),
    import('marked-terminal'),
  ]);
  const width = Math.min(process.stdout.columns || 80, 100);
  // @types/marked-terminal gives its result the old renderer class's type; it is an extension object.
  const extension: unknown = markedTerminal({ width, reflowText: true, tab: 2 });
  if (!isExtension(extension)) throw new Error('marked-terminal gave no marked extension');
  const marked = new Marked(extension);
  // marked-terminal leaves inline markup inside tight list items unparsed
  // (**bold** shows its stars); parse it, and fall back to its renderer otherwise.
  marked.use({
    renderer: {
      // A line break inside a list item's source is a soft break (a space, CommonMark §6.8):
      // joined, so the item is wrapped to the terminal like a paragraph, not at the source's width.
      text(token) {
        return 'tokens' in token && token.tokens !== undefined
          ? this.parser.parseInline(token.tokens).replace(/ *\n */g, ' ')
          : false;
      },
      // A table wider than the terminal would be folded through its borders: say it in a list instead.
      table(token) {
        const columns = token.header.map((_, i) =>
          Math.max(...[token.header, ...token.rows].map((row) => row[i]?.text.length ?? 0)),
        );
        if (columns.reduce((sum, w) => sum + w + 3, 1) <= width) return false;
        const cell = (c: { tokens: Token[] }) => this.parser.parseInline(c.tokens);
        return token.rows.map((row) => `  • ${row.map(cell).join(' — ')}`).join('\n') + '\n\n';
      },
    },
  });
  const rendered = await marked.parse(markdown);
  return (colorEnabled() ? rendered : plain(rendered)).trimEnd();
}

function isExtension(value: unknown): value is MarkedExtension {
  return typeof value === 'object' && value !== null && 'renderer' in value;
}
