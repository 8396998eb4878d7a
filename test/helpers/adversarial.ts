/** Adversarial answer sheets of about 1 MB: long runs of one character, repeated phrases, deep nesting. */
const MB = 1024 * 1024;

/** `unit` repeated to just under 1 MB of UTF-8. */
function fill(unit: string, bytes = MB - 2048): string {
  return unit.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(unit))));
}

export const adversarialSheets: [name: string, text: string][] = [
  [
    'a heading followed by a megabyte of spaces',
    `## What can you do with an access token?${fill(' ')}x\n`,
  ],
  ['a megabyte of spaces, then text', `${fill(' ')}Client ID: x\n`],
  ['a megabyte of tabs inside a bullet', `-${fill('\t')}x`],
  [
    'the same phrase repeated',
    fill('exchange the access token for the code at the token endpoint, but not the password; '),
  ],
  ['a question repeated on one line', fill('What can you do with an access token? ')],
  ['one step repeated on many lines', `## Order\n${fill('1. Receive access token\n')}`],
  ['deeply nested quotes', `${fill('> ')}answer`],
  ['deeply nested bullets', `${fill('* ')}answer`],
  ['a megabyte of pipes', fill('|')],
  ['alternating table rows and delimiter rows', fill('Client ID | x\n--- | ---\n')],
  ['a megabyte of dashes and spaces', fill('- ')],
  ['unclosed bold markers', fill('**')],
  ['unclosed HTML tags', fill('<a ')],
  ['HTML entities', fill('&amp;&nbsp;&#39;')],
  ['backticks', fill('`')],
  ['a Mermaid fence of unclosed node shapes', `\`\`\`mermaid\n${fill('A{{')}\n\`\`\``],
  ['a Mermaid fence of arrows and asymmetric shapes', `\`\`\`mermaid\n${fill('A>B-->')}\n\`\`\``],
  ['a Mermaid fence never closed', `\`\`\`mermaid\n${fill('A[x] --> ')}`],
  ['abbreviations with their key', `AT = access token\n${fill('AAAA AT RT ')}`],
  [
    'a question without its mark, then a colon or tab run',
    fill('what can you do with an access token a: \t '),
  ],
  ['Obsidian links and callouts', fill('> [!note] [[a#b|c]] ![[d]] ')],
  ['hashes', fill('#')],
  ['one long word', fill('a')],
  ['mojibake lead bytes', fill('â€')],
  ['a term with a megabyte definition', `Client ID: ${fill('app id ')}`],
  ['every line a question', fill('**What can you do with an authorization code?**\n')],
  ['negators everywhere', fill('not never no without ')],
  ['HTML line breaks in a list', `## Order\n${fill('1. Register<br>')}`],
  ['list items without a list', fill('<li>Ask the client</li>')],
  ['numbers on one line', `## Order\n${fill('1, 2 - 3 ')}`],
  ['a line of numbers on every line', `## Steps in order\n${fill('1, 2, 3, 4\n')}`],
  [
    'a numbered list, then a line of numbers on every line',
    `## Order\n1. Register\n2. Ask the client\n3. Redirect\n4. Receive code\n${fill('My answer: 4, 3, 2, 1\n')}`,
  ],
  ['the first word of a term over and over', fill('client secrete access taken ')],
  ['code parameters and callbacks', fill('back callback ?code=&code= ')],
  ['footnote references on one line, with a note', `[^a]: x\n${fill('Client ID[^a] · ')}`],
  ['footnote references and notes on every line', fill('[^a]: see [^a] [^b] [^a]\n')],
  ['an unclosed footnote reference repeated', `[^a]: x\n${fill('[^')}`],
  ['a note that goes on for a megabyte', `Client ID[^n]\n\n[^n]: ${fill('app id\n')}`],
  ['shorthand for the terms everywhere', fill('acc tkn cli secrt authz endpts ')],
  ['question words before an arrow, repeated', fill('what why how -> ')],
  ['one question mark, then a megabyte', `auth code?${fill(' — trade')}`],
  [
    'parentheses under a list of steps',
    `## Order\n1. Register\n${fill('(', MB / 2)}\n${fill('(x)\n', MB / 2 - 4096)}`,
  ],
  ['definition-list terms without definitions', fill('<dt>Client ID</dt>')],
  ['"Define" before every word', fill('Q: Define define ')],
  ['CSV records with an unclosed quote', fill('Client ID,"x\n')],
  ['CSV rows of empty fields', fill(',,,,,\n')],
  [
    'a CSV header, then one quoted field for a megabyte',
    `Term,Definition\nClient ID,"${fill('a,\n')}`,
  ],
  ['a CSV header, then rows of separators', `Term;Definition\n${fill(';;;,,,\n')}`],
  ['table cells of footnote references', `[^a]: x\n${fill('| [^a] ')}`],
  ['questions marked Q: with answers after them', fill('Q: and the access token, now what? A: ')],
  [
    "the prompt's list copied over and over, under its heading",
    `## Order\n${fill('- Make a request to a third-party API endpoint\n- Redirect to a third party authentication endpoint\n- Receive authorization code\n- Receive access token\n- Make a request to the access token endpoint\n- Register your application to get a client_id and client_secret\n- Ask the client if they want to sign in via a third party\n\nnote\n')}`,
  ],
  ['a step, then a line that is none, over and over', fill('Receive access token\nx\n')],
  ['dictionary entries with empty values', fill('"Client ID": "", # TODO\n')],
  [
    'page numbers and hyphens, as a PDF copy',
    fill('Page 1 of 2\nauthenti-\ncation end-\npoint and\n'),
  ],
  ['a section on one line between pipes, repeated', `STEPS: ${fill('Register | ')}`],
  ['outline numbers on every line', fill('1.1.1.1 2.2 ')],
  ['questions under a questions line, with dashes', `QUESTIONS:\n${fill('benefit - - - ')}`],
  ['a list in Jira markup, one # a line', fill('# Register your application to get a client_id\n')],
  ['names written as code, one after another', fill('accessTokenEndpoint_api-endpoint-x:')],
  ['bare Q labels with long subjects', fill('Q authz code authz code authz code - ')],
  ['answers by item number, over and over', `## Questions\n${fill('Q2 - x\n\n3) y\n(5) z\n')}`],
  [
    'benefit labels under a term, over and over',
    `Client ID: x\n${fill('benefit: y\n  - pros: z\n')}`,
  ],
  [
    'steps after bracketed positions, then orders on one line',
    fill('- [3] Receive access token\nregister -> ask -> redirect -> code\n'),
  ],
  [
    'columns of terms and retractions, over and over',
    `## Vocabulary\nclient id   ${fill('x (ignore above) y EDIT: no - z actually no - ')}`,
  ],
];
