/**
 * Issue 10: the sheet shapes real students write, the verdicts a careful grader gives on
 * definitions copied from the wrong field, the rubric's own check, and linear time on
 * adversarial input.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { requireLessons } from '../../src/tutor/lessons.js';
import { gradingKit } from '../../src/tutor/grading-kit.js';
import { createGrader } from '../../src/grader/grade.js';
import { evaluate } from '../../src/grader/evaluate.js';
import { checkRubric, patternProblem } from '../../src/grader/rubric-check.js';
import { readLines, shapeLine } from '../../src/grader/lines.js';
import { compilePattern } from '../../src/grader/match.js';
import { fixTypos } from '../../src/grader/typos.js';
import { decodeSheet } from '../../src/grader/text.js';
import { adversarialSheets } from '../helpers/adversarial.js';

const kit = gradingKit(await requireLessons());
const grade = createGrader(kit);
const q = (id: string) => kit.rubric.questions.find((x) => x.id === id)!;
const t = (id: string) => kit.rubric.terms.find((x) => x.id === id)!;
const STEPS = kit.steps.map((s) => s.text);

/** The steps in `order` (canonical numbers) as a numbered table under `heading`, then `after`. */
const stepTable = (heading: string, order: number[], after: string) =>
  [
    heading,
    '| # | Step |',
    '|---|---|',
    ...order.map((n, i) => `| ${i + 1} | ${STEPS[n - 1]} |`),
    '',
    after,
  ].join('\n');

/** The verdicts of a sheet, item by item, for compact assertions. */
function verdicts(text: string) {
  const g = grade(text);
  return {
    given: g.ordering.given,
    questions: Object.fromEntries(Object.entries(g.questions).map(([k, v]) => [k, v.verdict])),
    vocabulary: Object.fromEntries(Object.entries(g.vocabulary).map(([k, v]) => [k, v.verdict])),
    answers: Object.fromEntries(Object.entries(g.questions).map(([k, v]) => [k, v.answer])),
    definitions: Object.fromEntries(Object.entries(g.vocabulary).map(([k, v]) => [k, v.answer])),
  };
}

describe('reading the shapes of real sheets', () => {
  it('a bold question in a bullet, answered in the next paragraph, a nested bullet or a quote', () => {
    const v = verdicts(
      [
        '* **What can you do with an authorization code?**',
        '',
        'Exchange it at the token endpoint for an access token.',
        '',
        '- **What can you do with an access token?**',
        '  * * Call the API for the user with it.',
        '\t*   **What’s a benefit of using OAuth instead of your own basic authentication?**',
        '> The app never sees the password.',
      ].join('\n'),
    );
    expect(v.answers).toMatchObject({
      'authorization-code': 'Exchange it at the token endpoint for an access token.',
      'access-token': 'Call the API for the user with it.',
      'oauth-benefit': 'The app never sees the password.',
    });
    expect(v.questions).toEqual({
      'authorization-code': 'correct',
      'access-token': 'correct',
      'oauth-benefit': 'correct',
    });
  });

  it('questions renamed as headings, with typos, in any order', () => {
    const v = verdicts(
      [
        '## OAuth vs Basic Authentication',
        'Users keep their password at the provider; we never see it.',
        '## Acces tokn - what you do with it',
        'send it with API calls as a Bearer token',
        '## Authoriztion Uses',
        'Trade it for an access token.',
      ].join('\n\n'),
    );
    expect(v.questions).toEqual({
      'authorization-code': 'correct',
      'access-token': 'correct',
      'oauth-benefit': 'correct',
    });
  });

  it('a vocabulary table without outer pipes, with an empty cell, and one with no header row', () => {
    const outer = verdicts(
      [
        '**Term** | **Definition**',
        '---- | ----',
        'Client ID | the public identifier of the app',
        'Client Secret | ',
        'Token Endpoint | where the app exchanges the code for tokens',
      ].join('\n'),
    );
    expect(outer.vocabulary).toMatchObject({
      'client-id': 'correct',
      'client-secret': 'missing',
      'access-token-endpoint': 'correct',
    });
    const bare = verdicts(
      [
        '| Client ID | identifies the app to the provider |',
        '| API Endpoint | |',
        '| Authorization Code | a short-lived code the app trades for an access token |',
      ].join('\n'),
    );
    expect(bare.vocabulary).toMatchObject({
      'client-id': 'correct',
      'api-endpoint': 'missing',
      'authorization-code': 'correct',
    });
  });

  it('terms in backticks, in bold bullets, with "is" and no separator, and under other names', () => {
    const v = verdicts(
      [
        '`Client ID` the public id of the app at the provider',
        '* **Client Secret** a secret known only to the app and the authorization server',
        'Token Endpoint is the URL where the app exchanges the code for an access token',
        '- **Endpoint authentication**',
        '',
        'the provider page where the user signs in and approves the app',
      ].join('\n'),
    );
    expect(v.vocabulary).toMatchObject({
      'client-id': 'correct',
      'client-secret': 'correct',
      'access-token-endpoint': 'correct',
      'authentication-endpoint': 'correct',
    });
  });

  it('front matter, code fences, entities and separators are markup, not answers', () => {
    const v = verdicts(
      [
        '---',
        'title: Read 14',
        'layout: post',
        '---',
        '```',
        ...STEPS.map((s) => `1. ${s}`),
        '```',
        '&nbsp;',
        '- - -',
        '**What can you do with an access token?** call the API &amp; read the user&#39;s data',
      ].join('\n'),
    );
    expect(v.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(v.answers['access-token']).toBe("call the API & read the user's data");
  });

  it('orderings: "1 Step" with no dot, one line with arrows, a copied prompt before the answer', () => {
    expect(verdicts(STEPS.map((s, i) => `${i + 1} ${s}`).join('\n')).given).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    expect(
      verdicts(
        `## Steps\n\nRegister → Ask the client → Redirect to auth endpoint → Receive code → Request to token endpoint → Receive access token → Call the API endpoint`,
      ).given,
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const scrambled = [7, 3, 4, 6, 5, 1, 2].map((n) => STEPS[n - 1]!);
    const copied = [
      '**Write the following steps in the correct order:**',
      ...scrambled.map((s) => `- ${s}`),
      '',
      'My answer:',
      ...STEPS.map((s, i) => `${i + 1}. ${s}`),
    ].join('\n');
    expect(verdicts(copied).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const sameShape = [
      '## Put these in order',
      ...scrambled.map((s) => `- ${s}`),
      '',
      ...STEPS.map((s) => `- ${s}`),
    ].join('\n');
    expect(verdicts(sameShape).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const boldLine = [
      '**Write the following steps in the correct order:**',
      `**${scrambled.join(', ')}**`,
      '',
      ...STEPS.map((s) => `- ${s}`),
    ].join('\n');
    expect(verdicts(boldLine).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('an incomplete or repeated ordering is reported as given, saying what is missing or repeated', () => {
    const six = grade(
      ['## Order', ...[1, 2, 3, 4, 6, 7].map((n) => `- ${STEPS[n - 1]}`)].join('\n'),
    ).ordering;
    expect(six.given).toEqual([1, 2, 3, 4, 6, 7]);
    expect(six.verdict).toBe('incorrect');
    expect(six.feedback).toContain(`Missing: "${STEPS[4]}"`);
    expect(six.feedback).toContain('in the right order relative to each other');
    expect(six.misplaced).toEqual([]);
    const repeated = grade(
      ['## Order', ...[1, 2, 3, 4, 5, 4, 6, 7].map((n) => `- ${STEPS[n - 1]}`)].join('\n'),
    ).ordering;
    expect(repeated.given).toEqual([1, 2, 3, 4, 5, 4, 6, 7]);
    expect(repeated.feedback).toContain(`Listed more than once: "${STEPS[3]}"`);
    const swapped = grade(
      ['## Order', ...[1, 2, 4, 3, 5, 6].map((n) => `- ${STEPS[n - 1]}`)].join('\n'),
    ).ordering;
    expect(swapped.misplaced.map((m) => m.step)).toHaveLength(1);
  });

  it('numbered question headings, questions in a table, HTML tables, "Step 1:" prefixes, a parenthesis after a term', () => {
    const v = verdicts(
      [
        '## 2) Access token uses',
        "Call the API on the user's behalf.",
        '',
        '| Question | Answer |',
        '|---|---|',
        '| What can you do with an authorization code? | exchange it for an access token |',
        '',
        '<table><tr><td>Client ID</td><td>the public identifier of the app</td></tr></table>',
        'Access Token Endpoint (aka token endpoint): where the app trades the code for tokens',
        '',
        '## Order',
        ...STEPS.map((s, i) => `Step ${i + 1}: ${s}`),
      ].join('\n'),
    );
    expect(v.questions).toMatchObject({
      'access-token': 'correct',
      'authorization-code': 'correct',
    });
    expect(v.vocabulary).toMatchObject({
      'client-id': 'correct',
      'access-token-endpoint': 'correct',
    });
    expect(v.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('an answer that ends in a question mark is an answer; "idk yet, I\'ll ask" is none', () => {
    const v = verdicts(
      "## What can you do with an authorization code?\n\nYour server trades it for an access token at the token endpoint, within a minute or so I think?\n\n## What's a benefit of using OAuth instead of your own basic authentication?\n\nidk yet, I'll ask in class\n",
    );
    expect(v.questions).toMatchObject({
      'authorization-code': 'correct',
      'oauth-benefit': 'missing',
    });
  });

  it("the order on the prompt's own line, and term headings among the questions above a vocabulary section", () => {
    expect(
      verdicts(
        '**Order:** Register app ➡️ Ask the user ➡️ Redirect to the auth endpoint ➡️ Receive code ➡️ Request to token endpoint ➡️ Receive access token ➡️ Call the API',
      ).given,
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const v = verdicts(
      '## The auth code\n\nMy server trades it for an access token.\n\n## Vocab\n\n### Authorization Code\n\na one-time code exchanged for an access token\n',
    );
    expect(v.answers['authorization-code']).toBe('My server trades it for an access token.');
    expect(v.definitions['authorization-code']).toBe(
      'a one-time code exchanged for an access token',
    );
  });

  it('a definition earns nothing for restating its own term', () => {
    expect(
      evaluate(
        t('client-id'),
        'A Client ID is a unique number assigned to each customer account, used in our billing system.',
      ).misconceptions.map((m) => m.id),
    ).toEqual(['client-id-as-account-number']);
    expect(evaluate(t('client-id'), 'The client ID').verdict).not.toBe('correct');
  });

  it("steps in a provider's own words, between arrows, counting down, or broken over two lines", () => {
    const github = [
      '## 🔁 The flow (my own words)',
      '- Sign up your app with GitHub',
      '- Show "Login with GitHub" button',
      '- Send user to GitHub',
      '- GitHub sends back a code',
      '- Swap code for token',
      '- Get the token back',
      '- Call the GitHub API',
    ];
    expect(verdicts(github.join('\n')).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(
      verdicts(['## Steps in order', ...STEPS.flatMap((s) => [s, '↓']).slice(0, -1)].join('\n'))
        .given,
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(
      verdicts(
        ['## Steps (backwards)', ...[...STEPS].reverse().map((s, i) => `${7 - i}. ${s}`)].join(
          '\n',
        ),
      ).given,
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(
      verdicts(
        [
          '## Order',
          '1. Register your application',
          '   to get a client_id and client_secret',
          ...STEPS.slice(1).map((s, i) => `${i + 2}. ${s}`),
        ].join('\n'),
      ).given,
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("the prompt's scrambled list copied with no answer after it is no ordering", () => {
    const prompt = kit.rubric.ordering.prompt.map((id) => kit.steps.find((s) => s.id === id)!.text);
    expect(
      verdicts(
        [
          '(1) Write the following steps in the correct order:',
          ...prompt.map((s) => `- ${s}`),
          '',
          '(i did not finish this one)',
        ].join('\n'),
      ).given,
    ).toBeNull();
    expect(
      verdicts(`Write the following steps in the correct order: ${prompt.join(', ')}`).given,
    ).toBeNull();
  });

  it('terse questions: "auth code?", "Q: access token use?", "benefit?"', () => {
    const v = verdicts(
      [
        'auth code?',
        'swap for token',
        '',
        'Q: access token use?',
        'call the API w/ it',
        '',
        'benefit?',
        'no passwords stored on our side, user never gives us their pw',
      ].join('\n'),
    );
    expect(v.questions).toEqual({
      'authorization-code': 'correct',
      'access-token': 'correct',
      'oauth-benefit': 'correct',
    });
  });

  it('a sheet with only some sections: the rest is missing, never an error', () => {
    const g = grade('## Vocabulary\n\n- Client ID: identifies the app to the provider\n');
    expect(g.ordering.verdict).toBe('missing');
    expect(Object.values(g.questions).every((r) => r.verdict === 'missing')).toBe(true);
    expect(g.vocabulary['client-id']!.verdict).toBe('correct');
  });

  it('a pattern that spells out its negation counts ("passwords are never shared")', () => {
    expect(evaluate(q('oauth-benefit'), 'passwords are never shared with the app').verdict).toBe(
      'correct',
    );
    expect(
      evaluate(q('oauth-benefit'), 'users do not need a new account or password').verdict,
    ).toBe('correct');
    expect(
      evaluate(q('oauth-benefit'), 'it is not true that passwords are never shared with the app')
        .verdict,
    ).not.toBe('correct');
  });

  it('classifies lines: quotes, nested bullets, setext headings, delimiter rows, links', () => {
    const shapes = readLines(
      '> > quoted\n* * nested\nTitle\n=====\nA | B\n--- | ---\n1.Text\n- - -\nsee [the RFC](https://www.rfc-editor.org/rfc/rfc6749#section-1.4 "RFC")',
    ).map((l) => [l.shape, l.body]);
    expect(shapes).toEqual([
      ['plain', 'quoted'],
      ['bullet', 'nested'],
      ['heading', 'Title'],
      ['rule', ''],
      ['table', 'A | B'],
      ['rule', ''],
      ['numbered', 'Text'],
      ['rule', ''],
      ['plain', 'see the RFC'],
    ]);
  });

  it('corrects slips in key words, never real words', () => {
    expect(fixTypos('authoriztion uses')).toBe('authorization uses');
    expect(fixTypos('acces tokn')).toBe('access token');
    expect(fixTypos('authintication endpiont')).toBe('authentication endpoint');
    expect(fixTypos('it was taken by the client')).toBe('it was taken by the client');
    // A real word is read as the key word only where a term goes on with it.
    expect(fixTypos('client secrete')).toBe('client secret');
    expect(fixTypos('access taken')).toBe('access token');
    expect(fixTypos('glands secrete hormones')).toBe('glands secrete hormones');
    expect(
      verdicts('Client Secrete - a confidential credential only the app and the provider know')
        .vocabulary['client-secret'],
    ).toBe('correct');
  });

  it('an ordering in HTML: list items, or numbered lines split by <br>', () => {
    const br = `<details><summary>Steps in order</summary>\n<p>${STEPS.map((s, i) => `${i + 1}. ${s}`).join('<br/>')}</p></details>`;
    expect(verdicts(br).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const li = `<ol>${[2, 1, 3, 4, 5, 6, 7].map((n) => `<li>${STEPS[n - 1]}</li>`).join('')}</ol>`;
    expect(verdicts(`## The order\n${li}`).given).toEqual([2, 1, 3, 4, 5, 6, 7]);
    // A table cell keeps its <br> as a space: the row is still one term and its definition.
    expect(verdicts('| Client ID | the public id<br>of the app |').definitions['client-id']).toBe(
      'the public id of the app',
    );
  });

  it('notes indented under numbered steps belong to their step; a table of steps ends with the table', () => {
    const notes = [
      '## Order of the flow',
      ...STEPS.flatMap((s, i) => [
        `${i + 1}. ${s}`,
        '   - for example with Google',
        '      * (a second note)',
      ]),
    ].join('\n');
    expect(verdicts(notes).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const bold = STEPS.map((s, i) => {
      const [first, ...rest] = s.split(' ');
      return `${i + 1}. **${first}** ${rest.join(' ')}`;
    });
    expect(verdicts(['## Steps', ...bold].join('\n')).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const table = stepTable(
      '## Steps',
      [1, 3, 2, 4, 5, 6, 7],
      '(I was unsure whether you register your application first.)',
    );
    expect(verdicts(table).given).toEqual([1, 3, 2, 4, 5, 6, 7]);
  });

  it("the student's positions written before the prompt's lines, and an order given as numbers", () => {
    const prompt = [7, 3, 4, 6, 5, 1, 2];
    // Each scrambled line gets the place it has in the flow: read by those numbers.
    const positions = ['## Correct order', ...prompt.map((n) => `${n}) ${STEPS[n - 1]}`)].join(
      '\n',
    );
    expect(verdicts(positions).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // The prompt copied as a numbered list, then the answer as those numbers.
    const numbers = [
      'Write the steps in order:',
      ...prompt.map((n, i) => `${i + 1}. ${STEPS[n - 1]}`),
      '',
      'My order: 6 - 7 - 2 - 3 - 4 - 5 - 1',
    ].join('\n');
    expect(verdicts(numbers).given).toEqual([1, 2, 3, 4, 6, 5, 7]);
    // With no list on the sheet, numbers are read as places in the assignment's list only where the
    // student says so; bare, they could as well be positions in the flow, and no guess is made.
    expect(
      verdicts('## Steps in order (numbered as in the assignment)\n\n6, 7, 3, 2, 4, 5, 1').given,
    ).toEqual([1, 2, 4, 3, 6, 5, 7]);
    expect(verdicts('## Steps in order\n\nAnswer: 6, 7, 3, 2, 4, 5, 1').given).toBeNull();
    // After the student's own list, a remark in the reading's numbers is not a second answer.
    const remark = [
      '## Order',
      ...STEPS.map((s, i) => `${i + 1}. ${s}`),
      '',
      "In the reading's numbering that's 6, 7, 2, 3, 5, 4, 1.",
    ].join('\n');
    expect(verdicts(remark).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // A date or a phone number is not an order.
    expect(verdicts('## Steps in order\n\nDue: 2026, 11, 20, 23').given).toBeNull();
  });

  it('a note indented under step 4 that names steps not yet listed is those steps; a copied table, then the answer', () => {
    const nested = [
      '## Order',
      ...[1, 2, 3, 4].map((n) => `${n}. ${STEPS[n - 1]}`),
      `   - ${STEPS[4]}`,
      `   - ${STEPS[5]}`,
      `5. ${STEPS[6]}`,
    ].join('\n');
    expect(verdicts(nested).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const table = [
      '## Write the steps in order',
      '| Step |',
      '|---|',
      ...[7, 3, 4, 6, 5, 1, 2].map((n) => `| ${STEPS[n - 1]} |`),
      '',
      'My answer:',
      ...[1, 2, 3, 5, 4, 6, 7].map((n, i) => `${i + 1}. ${STEPS[n - 1]}`),
    ].join('\n');
    expect(verdicts(table).given).toEqual([1, 2, 3, 5, 4, 6, 7]);
  });

  it('an outline of phases with the steps under them; a list labelled with letters and answered with letters', () => {
    const outline = [
      '## Steps in the correct order',
      '- Before anything',
      `  - ${STEPS[0]}`,
      '- Login',
      ...[1, 2, 3, 4, 5].map((n) => `  - ${STEPS[n]}`),
      '- Afterwards',
      `  - ${STEPS[6]}`,
    ].join('\n');
    expect(verdicts(outline).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const letters = [
      '## Order these',
      ...[7, 3, 4, 6, 5, 1, 2].map((n, i) => `${'abcdefg'[i]}) ${STEPS[n - 1]}`),
      '',
      '**Answer:** f, g, b, c, e, d, a',
    ].join('\n');
    expect(verdicts(letters).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('terms asked as questions: **Q: Client Secret**, ## Q: …, Q: … / A: …, "What is the API endpoint?"', () => {
    const v = verdicts(
      [
        '**Q: Client Secret**',
        '**A:** A confidential credential known only to the app’s back end and the provider.',
        '',
        '## Q: Access Token Endpoint',
        'A: The URL where the app exchanges the code for tokens.',
        '',
        '**Q: What is the API endpoint?**',
        '**A:** A URL of the API that the app calls with the access token.',
        '',
        'Q: Authorization Code',
        'A: A one-time code sent to the redirect URI after consent, exchanged for a token.',
        '',
        // Asked what it is for, it is still the question, not the term.
        '**Q: What is an access token for?**',
        '**A:** Calling the API for the user.',
      ].join('\n'),
    );
    expect(v.vocabulary).toMatchObject({
      'client-secret': 'correct',
      'access-token-endpoint': 'correct',
      'api-endpoint': 'correct',
      'authorization-code': 'correct',
      'access-token': 'missing',
    });
    expect(v.questions['access-token']).toBe('correct');
  });

  it('"What is an access token?" among the questions leaves the term to the vocabulary; a Q: question of the student’s own is no definition', () => {
    const v = verdicts(
      [
        'Q: What is an access token?',
        'A: Something the app sends to the API to get the user’s data.',
        '',
        'Q: Client secret - why can’t a SPA have one?',
        'A: Because anyone can read the JavaScript.',
        '',
        '## Vocabulary',
        '',
        'Access Token: it is the user’s password, encrypted',
      ].join('\n'),
    );
    expect(v.questions['access-token']).toBe('correct');
    expect(v.vocabulary['access-token']).toBe('incorrect');
    expect(v.vocabulary['client-secret']).toBe('missing');
  });

  it('questions and answers marked with a bold **Q:** and **A:**', () => {
    const v = verdicts(
      [
        '**Q:** What can you do with an access token?',
        '**A:** Send it in the Authorization header when calling the API.',
        '',
        '**Question 3:** Whats a benefit of using OAuth instead of your own basic authentication?',
        '**Answer:** The app never sees the user’s password.',
      ].join('\n'),
    );
    expect(v.questions).toMatchObject({ 'access-token': 'correct', 'oauth-benefit': 'correct' });
  });

  it('a copied table of the prompt with its numbers, then the answer as those numbers', () => {
    const table = stepTable(
      '### Put these in order',
      [7, 3, 4, 6, 5, 1, 2],
      'My answer: 6, 7, 2, 3, 5, 4, 1',
    );
    expect(verdicts(table).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('one line of a seven-line list that reads like no step is the step left; two such lines are dropped', () => {
    const one = ['## Steps', ...STEPS.map((s, i) => (i === 2 ? 'off to the login thing' : s))];
    expect(verdicts(one.join('\n')).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const two = ['## Steps', ...STEPS.map((s, i) => (i === 2 || i === 4 ? 'then some magic' : s))];
    expect(verdicts(two.join('\n')).given).not.toContain(3);
  });

  it('a step under a numbered step that starts with a term name is a step, not that term’s definition', () => {
    const v = verdicts(
      [
        '## The flow',
        ...[0, 1, 2, 3].map((n) => `${n + 1}. ${STEPS[n]}`),
        '   - the token endpoint exchanges the code for tokens',
        '   - the token endpoint answers with the access token',
        `5. ${STEPS[6]}`,
        '',
        '## Vocabulary',
        '- Access Token Endpoint: the URL where the app exchanges the code for an access token',
      ].join('\n'),
    );
    expect(v.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(v.definitions['access-token-endpoint']).toMatch(/^the URL where the app exchanges/);
  });

  it('answers that start with a term name, under a question, above a plain VOCABULARY line', () => {
    const v = verdicts(
      [
        'QUESTIONS',
        '',
        'What can you do with an authorization code?',
        '  * The authorization code is traded at the token endpoint for an access token.',
        '',
        'And the access token?',
        '  * Access tokens go in the Authorization header when the app calls the API.',
        '',
        'VOCABULARY',
        '',
        'Authorization Code - a one-time code sent to the redirect URI, exchanged for a token',
      ].join('\n'),
    );
    expect(v.questions['authorization-code']).toBe('correct');
    expect(v.questions['access-token']).toBe('correct');
    expect(v.vocabulary['authorization-code']).toBe('correct');
  });

  it('steps told as what each side does, under a heading that does not say "steps"', () => {
    const own = [
      '## How it goes, my version',
      '1. Create an OAuth app in the Google console (you get an id and a secret)',
      "2. Show a 'Continue with Google' button",
      "3. Push the user's browser over to Google's consent page",
      '4. Google redirects back to /callback?code=abc',
      '5. Our back end sends the code to the /token URL',
      '6. Google replies with the access token',
      '7. Query the API with the token',
    ].join('\n');
    expect(verdicts(own).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('"I\'m not sure yet, TBD", or the question copied again, is no answer', () => {
    expect(evaluate(q('access-token'), 'What can you do with an access token?').verdict).toBe(
      'missing',
    );
    expect(evaluate(q('oauth-benefit'), "I'm not sure yet, TBD").verdict).toBe('missing');
    expect(evaluate(q('oauth-benefit'), "I am unsure, I'll come back to it").verdict).toBe(
      'missing',
    );
  });

  it('a note in parentheses or emphasis that the answer is still to come is no answer', () => {
    for (const note of [
      '_(no time left, will add it tonight)_',
      '(will finish later)',
      '*skipped*',
      "(didn't get to this one yet)",
    ])
      expect(evaluate(t('access-token'), note).verdict, note).toBe('missing');
    // Words that start such notes can start answers too.
    expect(
      evaluate(t('access-token'), 'skip the password: it is what the app sends to the API').verdict,
    ).not.toBe('missing');
    expect(evaluate(t('access-token'), 'no time limit, it works forever').verdict).not.toBe(
      'missing',
    );
  });

  it('a Google Docs export: backslash-escaped markdown, and plain text bulleted with ● and no-break spaces', () => {
    const escaped = verdicts(
      [
        '## **Steps**',
        ...STEPS.map((s, i) => `${i + 1}\\. ${s.replace(/_/g, '\\_')}  `),
        '',
        '## **Vocabulary**',
        "\\- **Client ID:** the app\\'s public identifier at the provider  ",
        '\\- **Token Endpoint:** where the back end trades the code for an access token\\!',
      ].join('\n'),
    );
    expect(escaped.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(escaped.vocabulary).toMatchObject({
      'client-id': 'correct',
      'access-token-endpoint': 'correct',
    });
    const bulleted = verdicts(
      [
        'Vocabulary',
        '●\u00a0 Client ID: names our app to the provider, it is public',
        '●\u00a0 Access Token: what the app sends to the API when it acts for the user',
      ].join('\n'),
    );
    expect(bulleted.vocabulary).toMatchObject({
      'client-id': 'correct',
      'access-token': 'correct',
    });
  });

  it('terms with dot leaders, their definitions going on below; an answer of capital letters', () => {
    const lettered = ['B', 'F', 'D', 'A', 'G', 'C', 'E'];
    // The prompt's steps labelled by the student in another order: A is step 4, B step 1, …
    const byLetter = { A: 4, B: 1, C: 6, D: 3, E: 7, F: 2, G: 5 } as const;
    const v = verdicts(
      [
        'Order the steps',
        ...Object.entries(byLetter).map(([l, n]) => `   ${l}. ${STEPS[n - 1]}`),
        '',
        `   Answer: ${lettered.join(', ')}`,
        '',
        'Vocabulary',
        '   Client ID ........... the public name of our app at the provider;',
        '                         it goes in the authorize URL.',
        '   Authorization Code .. a one-time code the app swaps',
        '                         for an access token at the token endpoint.',
      ].join('\n'),
    );
    expect(v.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(v.vocabulary).toMatchObject({ 'client-id': 'correct', 'authorization-code': 'correct' });
    expect(v.definitions['authorization-code']).toMatch(/swaps for an access token/);
  });

  it('an Obsidian note: wiki-links and callouts; tab-separated terms; a question without its mark, answered after a dash', () => {
    const v = verdicts(
      [
        '> [!info] From the lecture',
        '## Vocab',
        '- **[[Client ID]]** — the public name of my app at the provider',
        '- **[[OAuth/Token endpoint|Token Endpoint]]** — where my server trades the code for tokens',
        'Access Token\tsent with each API call for the user',
        '',
        'what can u do w/ an authorization code - u swap it at the token endpoint for an access token',
        '',
        'Q2 access token?',
        'call the API with it',
      ].join('\n'),
    );
    expect(v.vocabulary).toMatchObject({
      'client-id': 'correct',
      'access-token-endpoint': 'correct',
      'access-token': 'correct',
    });
    expect(v.questions).toMatchObject({
      'authorization-code': 'correct',
      'access-token': 'correct',
    });
    expect(shapeLine('> [!note] Benefit').cleaned).toBe('Benefit');
    expect(
      shapeLine('- [[OAuth notes#Client ID]]: ![[diagram.png]]the app’s public id').cleaned,
    ).toBe('- Client ID: the app’s public id');
  });

  it("OAuth's abbreviations are spelled out where the sheet says what they stand for", () => {
    const key = '(abbreviations: AT = access token, RS = resource server)';
    expect(
      verdicts(`${key}\nVOCAB\nAT - bearer credential the app sends to the RS`).vocabulary[
        'access-token'
      ],
    ).toBe('correct');
    // Without the key, or between words in capitals, they are words.
    expect(
      verdicts('VOCAB\nAT - bearer credential the app sends to the RS').vocabulary['access-token'],
    ).toBe('missing');
    expect(readLines(`${key}\nRS-512 keys`).map((l) => l.body)).toContain('RS-512 keys');
    expect(
      readLines(`${key}\nSTEP 3: LOG IN AT THE PROVIDER AS USUAL`)
        .map((l) => l.raw)
        .join(' '),
    ).toMatch(/LOG IN AT THE PROVIDER AS USUAL/);
  });

  it('a flow drawn in Mermaid, as a flowchart or a sequence diagram; the prompt copied on one line is no answer', () => {
    const nodes = STEPS.map((s, i) => `${String.fromCharCode(65 + i)}[${s}]`);
    const chart = [
      '```mermaid',
      'flowchart TD',
      ...nodes
        .slice(1)
        .map((n, i) => `  ${i === 0 ? nodes[0] : String.fromCharCode(65 + i)} --> ${n}`),
      '```',
    ];
    expect(verdicts(['## Flow', ...chart].join('\n')).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // A sequence diagram is read line by line, as any other lines.
    const sequence = [
      '```mermaid',
      'sequenceDiagram',
      ...STEPS.map((s) => `  App->>Provider: ${s}`),
      '```',
    ];
    expect(verdicts(['## Flow', ...sequence].join('\n')).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Drawn bottom-up, with the nodes given last first: the arrows give the order.
    const reversed = [
      '```mermaid',
      'flowchart BT',
      ...[...nodes].reverse(),
      ...nodes
        .slice(1)
        .map((_, i) => `  ${String.fromCharCode(65 + i)} --> ${String.fromCharCode(66 + i)}`),
      '```',
    ];
    expect(verdicts(['## Flow', ...reversed].join('\n')).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // A node labelled with a term's name is a step, not that term's definition.
    const named = verdicts(
      [
        '```mermaid',
        'flowchart LR',
        '  A[Authorization code] --> B[Access token]',
        '```',
        'VOCAB',
        'Access token: sent to the API for the user',
      ].join('\n'),
    );
    expect(named.vocabulary['access-token']).toBe('correct');
    // A fence never closed is no diagram: what follows is still read.
    expect(
      verdicts(
        [
          '```mermaid',
          'flowchart TD',
          '  A[Register] --> B[Ask]',
          '',
          '## What can you do with an access token?',
          'Call the API with it.',
        ].join('\n'),
      ).questions['access-token'],
    ).toBe('correct');
    const copied = [7, 6, 3, 1, 4, 2, 5].map((n) => STEPS[n - 1]).join(', ');
    expect(
      verdicts(`> Write the following steps in the correct order: ${copied}\n\n(come back to this)`)
        .given,
    ).toBeNull();
    expect(evaluate(t('access-token'), '_(come back to this)_').verdict).toBe('missing');
  });

  it("positions written in parentheses beside the prompt's lines", () => {
    const copied = [7, 3, 4, 6, 5, 1, 2];
    const v = verdicts(
      ['## Put the steps in order', ...copied.map((n) => `- (${n}) ${STEPS[n - 1]}`)].join('\n'),
    );
    expect(v.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // A parenthesis that holds no number only is no step number.
    expect(shapeLine('- (3 steps left) later').line.number).toBeUndefined();
  });

  it('a pattern that starts with its own negation ("\\\\bno passwords") is not read as negated by it', () => {
    expect(
      compilePattern('\\bno (user )?passwords? in (our|the) (db|database)\\b').spellsNegation,
    ).toBe(true);
    expect(evaluate(q('oauth-benefit'), 'No passwords in our DB.').verdict).toBe('correct');
  });

  it('a question without its mark: a dash, colon or tab before the answer, not a note about the question', () => {
    const v = verdicts(
      [
        'What can you do with an authorization code:  trade it for an access token',
        '',
        'What can you do with an access token -  call APIs',
        '',
        "What's a benefit of using OAuth instead of your own basic authentication (lecture 4: OAuth vs basic auth)",
        'The app never sees the password.',
      ].join('\n'),
    );
    expect(v.questions).toEqual({
      'authorization-code': 'correct',
      'access-token': 'correct',
      'oauth-benefit': 'correct',
    });
    expect(
      verdicts('What can you do with an access token - 2 pts\n\nsend it to the API').questions[
        'access-token'
      ],
    ).toBe('correct');
  });

  it('Mermaid node shapes and arrows without spaces; steps numbered in parentheses that go on a list', () => {
    const chart = [
      '```mermaid',
      'flowchart TD',
      'G[' + STEPS[6] + ']',
      'F{{' + STEPS[5] + '}}',
      'E[' + STEPS[4] + ']',
      'D>' + STEPS[3] + ']',
      'C[' + STEPS[2] + ']',
      'B(' + STEPS[1] + ')',
      'A[' + STEPS[0] + ']',
      'A-->B',
      'B-->C',
      'C-->D',
      'D-->E',
      'E-->F',
      'F-->G',
      '```',
    ];
    expect(verdicts(['## Flow', ...chart].join('\n')).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const list = [
      '## The steps',
      ...STEPS.slice(0, 3).map((s, i) => `${i + 1}. ${s}`),
      '',
      ...STEPS.slice(3).map((s, i) => `(${i + 4}) ${s}`),
    ];
    expect(verdicts(list.join('\n')).given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // With a key, a capital AS or an AT before a name stays a word.
    const key = 'AT = access token, AS = authorization server';
    expect(
      readLines(`${key}\nIT WORKS AS A KEY; users type it only AT Google`)
        .map((l) => l.body)
        .join(' '),
    ).toMatch(/WORKS AS A KEY; users type it only AT Google/);
  });

  it('a bold "My order:" with the numbers on its line, under a copied list in another order', () => {
    const copied = [7, 5, 1, 3, 6, 2, 4]; // line k of the copy is step copied[k-1]
    const answer = [1, 2, 3, 4, 5, 6, 7].map((step) => copied.indexOf(step) + 1);
    const v = verdicts(
      [
        '## Put the steps in the correct order',
        ...copied.map((n, i) => `${i + 1}. ${STEPS[n - 1]}`),
        '',
        `**My order:** ${answer.join(', ')}`,
      ].join('\n'),
    );
    expect(v.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('a copied list with a note that its order is not done yet is no ordering; steps in other words are', () => {
    const copied = [5, 4, 2, 7, 1, 6, 3];
    const list = copied.map((n) => `- ${STEPS[n - 1]}`);
    expect(
      verdicts(
        [
          '## The steps',
          ...list,
          '',
          '(no idea about the order yet, will fix it after class)',
        ].join('\n'),
      ).given,
    ).toBeNull();
    // A doubt about one step is still an answer.
    expect(
      verdicts(['## The steps', ...list, '', 'Not sure whether 5 comes before 4.'].join('\n'))
        .given,
    ).toEqual(copied);
    const own = verdicts(
      [
        '### Flow',
        '1. Set up the app in the developer console first.',
        '2. Offer a "Continue with GitHub" button.',
        '3. Send the browser to GitHub to sign in.',
        '4. GitHub sends the browser back with a code.',
        '5. Our server takes the code to the token URL.',
        '6. GitHub answers with the access token.',
        '7. Call the GitHub API with the token.',
      ].join('\n'),
    );
    expect(own.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('answers written as markdown footnotes, a list of references among them, and a note that points to another', () => {
    const v = verdicts(
      [
        '**Put the steps in order**[^steps]',
        '',
        '**What can you do with an authorization code?**[^a]',
        '',
        '**What can you do with an access token?**[^b]',
        '',
        '**Terms:** Client ID[^1] · Client Secret[^2] · Token Endpoint[^3] · Authorization Code[^4]',
        '',
        `[^steps]: ${[2, 1, 3, 4, 5, 6, 7].map((n) => STEPS[n - 1]).join(' → ')}`,
        '[^a]: Our back end redeems it at the token endpoint',
        '    for an access token.',
        '[^b]: Send it to the API as a bearer credential.',
        "[^1]: The app's public identifier, given at registration.",
        '[^2]: The password of the user.',
        '[^3]: Where the app posts the code and gets tokens back.',
        '[^4]: A short-lived code; see [^a].',
        '[^unused]: nothing points here.',
      ].join('\n'),
    );
    expect(v.given).toEqual([2, 1, 3, 4, 5, 6, 7]);
    expect(v.questions).toMatchObject({
      'authorization-code': 'correct',
      'access-token': 'correct',
    });
    expect(v.answers['authorization-code']).toBe(
      'Our back end redeems it at the token endpoint for an access token.',
    );
    expect(v.vocabulary).toMatchObject({
      'client-id': 'correct',
      'client-secret': 'incorrect',
      'access-token-endpoint': 'correct',
      'authorization-code': 'correct',
    });
    // A reference to no note is left as written.
    expect(
      readLines('Client ID[^x] · Secret[^2]\n\n[^2]: kept on the server').map((l) => l.body),
    ).toEqual(['Client ID[^x] · Secret: kept on the server', '']);
    // A reference after the student's own words is a source or an aside, dropped with its note; a
    // note ends where a heading or list starts; a note on a step is no step of its own.
    const cited = verdicts(
      [
        '## Order',
        ...[1, 2, 3, 4, 5, 6, 7].map((n, i) => `${i + 1}. ${STEPS[n - 1]}${n === 4 ? '[^r]' : ''}`),
        '',
        '## Vocabulary',
        '- Client Secret: like a password.[^src]',
        '',
        '[^r]: the provider sends the browser back to us with it',
        '[^src]: Some docs, "a secret known only to your application and the authorization server"',
        '## More',
        '- Client ID: the public id of the app',
      ].join('\n'),
    );
    expect(cited.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(cited.definitions['client-secret']).toBe('like a password.');
    expect(cited.vocabulary['client-id']).toBe('correct');
  });

  it('a definition list pasted from a learning platform (<dl>, <dt>, <dd>), an empty <dd> an empty answer', () => {
    const v = verdicts(
      [
        '<h3>Vocabulary</h3>',
        '<dl>',
        "<dt>Client ID</dt><dd>the app's public identifier at the provider</dd>",
        '<dt>Client Secret</dt><dd></dd>',
        '<dt>Access Token Endpoint</dt>',
        '<dd>where the back end exchanges the code for tokens</dd>',
        '</dl>',
      ].join('\n'),
    );
    expect(v.vocabulary).toMatchObject({
      'client-id': 'correct',
      'client-secret': 'missing',
      'access-token-endpoint': 'correct',
    });
  });

  it('"Q: Define client ID." and a question reworded ("…got an authorization code. Now what?"), each with "A:" under it', () => {
    const v = verdicts(
      [
        '1. Q: You have just been handed an authorization code. Now what?',
        '   A: Post it to the token endpoint to get an access token.',
        '',
        '2. Q: Define client ID.',
        "   A: The app's public identifier from registration.",
        '',
        '3. Q: Define access token endpoint (aka token endpoint).',
        '   A: Where the server swaps the code for tokens.',
        '',
        '4. Define the client secret: the password of the user',
      ].join('\n'),
    );
    expect(v.questions['authorization-code']).toBe('correct');
    expect(v.vocabulary).toMatchObject({
      'client-id': 'correct',
      'access-token-endpoint': 'correct',
      'client-secret': 'incorrect',
    });
    // "Define … in your own words" is an instruction, not a term with a definition.
    expect(verdicts('1. Define access token in your own words').vocabulary['access-token']).toBe(
      'missing',
    );
  });

  it('a question and its answer on one line: after the question mark, or after an arrow where the question has no mark', () => {
    const v = verdicts(
      [
        'auth code? — trade it at the token endpoint for an access token',
        '',
        'access token what can u do w it -> u call the api with it for the user',
        '',
        'why oauth instead of ur own login -> the app never sees or stores the password',
      ].join('\n'),
    );
    expect(v.answers).toMatchObject({
      'authorization-code': 'trade it at the token endpoint for an access token',
      'access-token': 'u call the api with it for the user',
      'oauth-benefit': 'the app never sees or stores the password',
    });
    expect(v.questions).toMatchObject({
      'authorization-code': 'correct',
      'access-token': 'correct',
      'oauth-benefit': 'correct',
    });
    // Which question a line asks is read from the question, not from the answer after it.
    const asked = verdicts(
      'What can you do with an access token? Not what you do with the auth code: call the API with it.',
    );
    expect(asked.answers['access-token']).toContain('call the API');
    expect(asked.questions['authorization-code']).toBe('missing');
    // An arrow after no question word is no question ("register app -> ask the user -> …").
    expect(verdicts('the auth code -> the token endpoint').questions['authorization-code']).toBe(
      'missing',
    );
  });

  it('what the one-line question rules leave alone: a question mark or arrow inside an answer, a definition with an arrow, steps in parentheses', () => {
    const STEP_LIST = [1, 2, 3, 4, 5, 6, 7].map((n) => STEPS[n - 1]);
    const v = verdicts(
      [
        '## What can you do with an access token?',
        'We got it for the auth code, so now what? Put it in the Authorization header and call the API.',
        '',
        '## What can you do with an authorization code?',
        'The access token? No, that comes later: first trade this code at the token endpoint for one.',
        '',
        '## Vocabulary',
        "- API Endpoint: what our app calls with the access token -> it answers with the user's data",
        '- Access Token Endpoint: which URL our server posts the code to -> it returns the tokens',
        '',
        '## Order',
        ...STEP_LIST.map((t, i) => (i === 3 ? `${i + 1}. (${t})` : `${i + 1}. ${t}`)),
      ].join('\n'),
    );
    expect(v.questions).toMatchObject({
      'access-token': 'correct',
      'authorization-code': 'correct',
    });
    expect(v.vocabulary).toMatchObject({
      'api-endpoint': 'correct',
      'access-token-endpoint': 'correct',
    });
    expect(v.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // The answer after a dash wins over an arrow further on.
    expect(
      verdicts(
        'What can you do with an authorization code - redeem it at the token endpoint for an access token -> then the API',
      ).answers['authorization-code'],
    ).toBe('redeem it at the token endpoint for an access token -> then the API');
    // "(my answer:)" between the copied prompt and the answer starts the answer.
    const copied = [5, 4, 2, 7, 1, 6, 3].map((n) => `- ${STEPS[n - 1]}`);
    const answer = [2, 1, 3, 4, 5, 6, 7].map((n) => `- ${STEPS[n - 1]}`);
    expect(verdicts(['## Steps', ...copied, '(my answer:)', ...answer].join('\n')).given).toEqual([
      2, 1, 3, 4, 5, 6, 7,
    ]);
  });

  it('shorthand for the terms\' words (tkn, endpt, authn, authz, "acc tkn", "cli ID") is read as the words', () => {
    const v = verdicts(
      [
        "cli ID — the app's public id from the provider",
        'cli secrt — the app’s own credential, kept on the server',
        'authn endpt — the provider page where the user signs in and approves',
        'tkn endpt — where the back end swaps the code for tokens',
        'authz code — one-time code from the redirect, swapped for a tkn',
        'acc tkn — bearer credential the app sends to the API',
      ].join('\n'),
    );
    expect(v.vocabulary).toMatchObject({
      'client-id': 'correct',
      'client-secret': 'correct',
      'authentication-endpoint': 'correct',
      'access-token-endpoint': 'correct',
      'authorization-code': 'correct',
      'access-token': 'correct',
    });
    // Other words that start alike are left alone: "accept", "client", "accounts".
    expect(readLines('acc accounts accept cli tool').map((l) => l.body)).toEqual([
      'acc accounts accept cli tool',
    ]);
  });

  it('a short answer with a question mark ("call the api?") is an answer with a doubt, not a question', () => {
    const v = verdicts(
      [
        'What can you do with an access token?',
        'call the api with it?',
        '',
        '**Which part was hardest?**',
        'the order',
      ].join('\n'),
    );
    expect(v.answers['access-token']).toBe('call the api with it?');
    expect(v.questions['access-token']).toBe('correct');
  });

  it('a sheet saved as CSV: term and definition columns, or section, item and answer rows with a header', () => {
    const twoColumns = verdicts(
      [
        'Term,Definition',
        `Client ID,"the app's public identifier, given when it registers"`,
        'Client Secret,the password of the user',
        'Authorization Code,"a one-time code, swapped at the token endpoint for tokens"',
        'Access Token,',
        'API Endpoint,the URL the app calls with the access token to read data',
        'Token Endpoint,where the back end posts the code and gets tokens',
      ].join('\n'),
    );
    expect(twoColumns.vocabulary).toMatchObject({
      'client-id': 'correct',
      'client-secret': 'incorrect',
      'authorization-code': 'correct',
      'access-token': 'missing',
      'api-endpoint': 'correct',
      'access-token-endpoint': 'correct',
    });
    const rows = verdicts(
      [
        '# exported from my notes',
        'part,item,answer',
        ...[2, 1, 3, 4, 5, 6, 7].map((n, i) => `steps,${i + 1},${STEPS[n - 1]}`),
        'question,What can you do with an authorization code?,"trade it at the token endpoint, for an access token"',
        'term,Client ID,public id of the app',
      ].join('\n'),
    );
    expect(rows.given).toEqual([2, 1, 3, 4, 5, 6, 7]);
    expect(rows.answers['authorization-code']).toBe(
      'trade it at the token endpoint, for an access token',
    );
    expect(rows.vocabulary['client-id']).not.toBe('missing');
    // Prose with commas is not CSV.
    const prose = [
      'Client ID: the id of the app, public, sent in the URL',
      'Client Secret: kept on the server, never shared',
      'Access Token: sent to the API, in a header, for each call',
      'API Endpoint: the URL, on the resource server, that returns data',
      'Authorization Code: short-lived, one-time, swapped for tokens',
      'Token Endpoint: where, with the code, the app gets tokens',
    ].join('\n');
    expect(readLines(prose).map((l) => l.body)).toEqual(prose.split('\n'));
  });

  it('what a second review found: markdown with commas is no CSV, CSV rows by position or with more columns, citations in footnotes, questions told by their subject', () => {
    // One comma a line under markdown headings is still markdown.
    const md = verdicts(
      [
        '## Order',
        'Register, Ask, Redirect, Receive code, Request token, Receive token, Call API',
        '## What can you do with an authorization code?',
        'Trade it at the token endpoint, for an access token.',
        '## What can you do with an access token?',
        'Call the API, for the user.',
        "## What's a benefit of using OAuth instead of your own basic authentication?",
        'We never see the password, the provider does.',
      ].join('\n'),
    );
    expect(md.questions).toEqual({
      'authorization-code': 'correct',
      'access-token': 'correct',
      'oauth-benefit': 'correct',
    });
    // Rows numbered by position, a confidence column, a blank cell, and a European Excel's `;`.
    const csv = verdicts(
      [
        'Position;Step',
        // Written in the canonical order, numbered with the student's positions: Ask first.
        ...[2, 1, 3, 4, 5, 6, 7].map((position, i) => `${position};"${STEPS[i]}"`),
      ].join('\n'),
    );
    expect(csv.given).toEqual([2, 1, 3, 4, 5, 6, 7]);
    const confident = verdicts(
      [
        'Term,Definition,Confidence',
        'Client ID,"the app\'s public id, sent in the URL",4',
        'Client Secret,,2',
        'Access Token,a credential the app sends to the API,5',
        'API Endpoint,the URL the app calls with the token,3',
      ].join('\n'),
    );
    expect(confident.definitions['client-id']).toBe("the app's public id, sent in the URL");
    expect(confident.vocabulary['client-secret']).toBe('missing');
    // A source cited from several places, or under a label already answered, is no answer.
    const cited = verdicts(
      [
        '**Client ID**[^docs]',
        "The app's public identifier.",
        '',
        '## The rest',
        '| Term | Definition |',
        '|---|---|',
        '| Client Secret | [^s] |',
        '| Access Token | a credential for the API[^docs] |',
        '',
        '[^docs]: Some vendor\'s docs, "What is OAuth".',
        "[^s]: the app's own password, kept on the server",
      ].join('\n'),
    );
    expect(cited.definitions).toMatchObject({
      'client-id': "The app's public identifier.",
      'client-secret': "the app's own password, kept on the server",
      'access-token': 'a credential for the API',
    });
    // The student's own study cards ("Q: How long does an access token last?") are not the question
    // the sheet asks in its words below; "Q: What is the access token endpoint?" asks for a term.
    const cards = verdicts(
      [
        'Q: How long does an access token last? A: about an hour',
        'Q: What is the access token endpoint? A: where the server swaps the code for tokens',
        '',
        'What can you do with an access token?',
        'Call the API for the user.',
      ].join('\n'),
    );
    expect(cards.answers['access-token']).toBe('Call the API for the user.');
    expect(cards.vocabulary['access-token-endpoint']).toBe('correct');
    // A question word in a parenthesis after a term is no question.
    expect(
      verdicts(
        'Access Token (what you use for API calls) -> short-lived bearer credential for the API',
      ).vocabulary['access-token'],
    ).toBe('correct');
  });

  it("a notebook: the order printed below the prompt's list it was picked from, and the terms as a dictionary", () => {
    const prompt = [7, 3, 4, 6, 5, 1, 2].map((n) => `    "${STEPS[n - 1]}",`);
    const printed = [1, 2, 3, 5, 4, 6, 7].map((n, i) => `    ${i + 1} ${STEPS[n - 1]}`);
    const v = verdicts(
      [
        '## Part 1: Order the steps',
        'In [1]:',
        '```python',
        'shuffled = [',
        ...prompt,
        ']',
        '```',
        'In [2]:',
        '```python',
        'for n, step in enumerate(mine, start=1): print(n, step)',
        '```',
        '',
        ...printed,
        '',
        '## Part 3: Vocabulary',
        '```python',
        'vocab = {',
        `    "Client ID": "the public identifier of the app, given at registration",`,
        `    'Client Secret': '',  # TODO`,
        '}',
        '```',
      ].join('\n'),
    );
    expect(v.given).toEqual([1, 2, 3, 5, 4, 6, 7]);
    expect(v.definitions['client-id']).toBe(
      'the public identifier of the app, given at registration',
    );
    expect(v.vocabulary['client-secret']).toBe('missing');
  });

  it('what a third review found: a list of steps labelled with letters, notes in a numbered list or on consecutive questions, a comma header above markdown', () => {
    const lettered = verdicts(
      [
        '## Order',
        `a) ${STEPS[0]}`,
        `b) ${STEPS[1]}`,
        `c) ${STEPS[2]}`,
        'd) Authorization code: receive it',
        'e) Access token endpoint: make a request to it',
        'f) Access token: receive it',
        'g) API endpoint: make a request to it',
        '',
        '## Vocabulary',
        'a) Client ID - the public id of the app',
        'b) Access Token - a credential sent with API calls',
      ].join('\n'),
    );
    expect(lettered.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lettered.vocabulary).toMatchObject({
      'client-id': 'correct',
      'access-token': 'correct',
    });
    const notes = verdicts(
      [
        '**What can you do with an authorization code?**[^1]',
        '**What can you do with an access token?**[^2]',
        '',
        '1. Client ID[^3]',
        '2. Client Secret[^4]',
        '',
        '[^1]: See it as a voucher: the back end swaps it at the token endpoint for an access token.',
        "[^2]: Call the API on the user's behalf.",
        '[^3]: The public identifier of the app.',
        "[^4]: The app's password, kept on the server.",
      ].join('\n'),
    );
    expect(notes.questions).toMatchObject({
      'authorization-code': 'correct',
      'access-token': 'correct',
    });
    expect(notes.vocabulary).toMatchObject({ 'client-id': 'correct', 'client-secret': 'correct' });
    // "Name, Period" on the first line of a markdown sheet is no CSV header.
    const named = verdicts(
      [
        'Name, Period',
        '## What can you do with an access token?',
        'Call the API, and the nice part, it never expires.',
        '- one',
        '- two',
        '- three',
        '- four',
      ].join('\n'),
    );
    expect(named.questions['access-token']).toBe('incorrect');
  });

  it('a Word outline (2.1, 3.4), sections on one line between pipes, and text copied out of a PDF', () => {
    const outline = verdicts(
      [
        '1.\tSteps',
        ...[2, 1, 3, 4, 5, 6, 7].map((n, i) => `1.${i + 1}\t${STEPS[n - 1]}`),
        '2.\tVocabulary',
        '2.1\tClient ID',
        'The public identifier of the app, from registration.',
        '2.2\tAccess Token',
        'A credential the app sends to the API for the user.',
      ].join('\n'),
    );
    expect(outline.given).toEqual([2, 1, 3, 4, 5, 6, 7]);
    expect(outline.vocabulary).toMatchObject({ 'client-id': 'correct', 'access-token': 'correct' });
    const piped = verdicts(
      [
        `STEPS: ${[1, 2, 3, 5, 4, 6, 7].map((n) => STEPS[n - 1]).join(' | ')}`,
        'QUESTIONS: authorization code - trade it at the token endpoint for an access token | access token - call the API for the user | benefit - the app never sees the password',
        "VOCAB: Client ID - the app's public id | Client Secret - the app's password, kept on the server | API Endpoint - ?",
      ].join('\n'),
    );
    expect(piped.given).toEqual([1, 2, 3, 5, 4, 6, 7]);
    expect(piped.questions).toEqual({
      'authorization-code': 'correct',
      'access-token': 'correct',
      'oauth-benefit': 'correct',
    });
    expect(piped.vocabulary).toMatchObject({
      'client-secret': 'correct',
      'api-endpoint': 'missing',
    });
    const pdf = verdicts(
      [
        'Review Worksheet, Week 6            Cohort B',
        '1. Register your application to get a client_id and',
        'client_secret',
        '2. Ask the client if they want to sign in via a third',
        'party',
        '3. Redirect to a third party authenti-',
        'cation endpoint',
        '',
        'Page 1 of 2',
        'Review Worksheet, Week 6            Cohort B',
        '',
        '4. Receive authorization code',
        '5. Make a request to the access token end-',
        'point',
        '6. Receive access token',
        '7. Make a request to a third-party API endpoint',
        '',
        'What’s a benefit of using OAuth instead of your own basic',
        'authentication?',
        'The app never sees or stores the pass-',
        'word: the provider checks it.',
      ].join('\n'),
    );
    expect(pdf.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pdf.answers['oauth-benefit']).toBe(
      'The app never sees or stores the password: the provider checks it.',
    );
    // A typed sheet in lower case with a "1/2" footer, and labels ending in a dash, are no PDF text;
    // a label with its definition between pipes is no section; the student's own questions under
    // "Questions:" are neither the questions nor the terms.
    const typed = verdicts(
      [
        'what can you do with an authorization code? trade it for an access token at the token endpoint',
        '',
        'Questions:',
        '- Access token - does it just last forever if you never log out?',
        '',
        'vocab',
        'client id - the public identifier for our app given at registration',
        'client secret-',
        'private key of our app that only the server knows',
        'authorization code: short-lived | single use | traded for a token',
        '',
        '1/2',
      ].join('\n'),
    );
    expect(typed.questions['authorization-code']).toBe('correct');
    expect(typed.vocabulary).toMatchObject({
      'client-id': 'correct',
      'client-secret': 'correct',
      'authorization-code': 'correct',
      'access-token': 'missing',
    });
    // A typed sheet whose lines start in lower case is left as it is.
    expect(
      readLines('auth code - trade it\naccess token - call the api').map((l) => l.body),
    ).toEqual(['auth code - trade it', 'access token - call the api']);
  });

  it('a remark in parentheses under the steps is neither a step nor the end of the list', () => {
    const order = [1, 3, 4, 5, 6, 7];
    const v = verdicts(
      [
        'steps',
        ...order.map((n, i) => `${i + 1}. ${STEPS[n - 1]}`),
        '(I skipped "ask the client if they want to sign in" on purpose: it is only the button)',
        '',
        'auth code? — swap it at the token endpoint for an access token',
      ].join('\n'),
    );
    expect(v.given).toEqual(order);
    expect(v.questions['authorization-code']).toBe('correct');
  });

  it('answers told by their item number (Q2, #3, (5), Item 7, 10)), questions labelled by subject above the vocabulary, a QUESTIONS section after it', () => {
    // Items numbered as the sheet numbers them: 1 the ordering, 2-4 the questions, 5-11 the terms.
    const items = verdicts(
      [
        'Q1',
        ...STEPS.map((s, i) => `${i + 1}. ${s}`),
        '',
        'Q4 - the user never gives us their password, the provider checks it',
        '',
        'Q2 - send it to the token endpoint w/ client id & secret -> get the access token back',
        '',
        "#3 - call the API on the user's behalf with it as a bearer token",
        '',
        '(5) the public identifier of the app at the provider',
        'Item 10: one-time code from the redirect, exchanged for an access token',
        '11) a bearer credential the app sends to the API',
      ].join('\n'),
    );
    expect(items.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(items.questions).toEqual({
      'authorization-code': 'correct',
      'access-token': 'correct',
      'oauth-benefit': 'correct',
    });
    expect(items.vocabulary).toMatchObject({
      'client-id': 'correct',
      'authorization-code': 'correct',
      'access-token': 'correct',
      'client-secret': 'missing',
    });
    // Numbers up to 3 with no ordering among them number the questions alone; under a vocabulary
    // heading they start again for the terms.
    const restarted = verdicts(
      [
        '1) exchange it at the token endpoint for an access token',
        '',
        '2) call the API for the user with it',
        '',
        '3) the app never sees the password',
        '',
        'Vocab:',
        '1. the public id of the app at the provider',
        '2. a secret only the app server and the provider know',
      ].join('\n'),
    );
    expect(restarted.questions).toEqual({
      'authorization-code': 'correct',
      'access-token': 'correct',
      'oauth-benefit': 'correct',
    });
    expect(restarted.vocabulary['client-id']).toBe('correct');
    expect(restarted.vocabulary['client-secret']).toBe('correct');
    // A numbered list of steps is the ordering, whatever its numbers.
    const steps = verdicts(STEPS.map((s, i) => `${i + 1}) ${s}`).join('\n\n'));
    expect(steps.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Object.values(steps.questions)).toEqual(['missing', 'missing', 'missing']);

    // "auth code: …" above "Authorization Code: …": the first is the question; "benefit: …" too.
    const labelled = verdicts(
      [
        'auth code: exchange it at the token endpoint for an access token',
        'benefit = the app never sees the password',
        'Client ID: the public id of the app',
        'Authorization Code: a one-time code from the redirect, swapped for a token',
      ].join('\n'),
    );
    expect(labelled.questions['authorization-code']).toBe('correct');
    expect(labelled.questions['oauth-benefit']).toBe('correct');
    expect(labelled.vocabulary['authorization-code']).toBe('correct');

    // "VOCAB (doing these first)", then "QUESTIONS": term-named labels there are the questions.
    const after = verdicts(
      [
        'VOCAB (doing these first)',
        'authorization code - a one-time code from the redirect, swapped for a token',
        'access token - a bearer credential sent to the API',
        '',
        "Q's",
        'auth code: exchange it server side for an access token',
        'access token: call the api for the user (Authorization: Bearer xyz)',
      ].join('\n'),
    );
    expect(after.questions['authorization-code']).toBe('correct');
    expect(after.questions['access-token']).toBe('correct');
    expect(after.vocabulary['authorization-code']).toBe('correct');
  });

  it('terms and definitions lined up in columns with spaces, as plain text lines them up', () => {
    const v = verdicts(
      [
        'client id   the public id of the app at the provider',
        'client secret   a confidential credential only the app server and the provider know',
        'access token endpoint  where the app swaps the code for an access token',
      ].join('\n'),
    );
    expect(v.vocabulary).toMatchObject({
      'client-id': 'correct',
      'client-secret': 'correct',
      'access-token-endpoint': 'correct',
    });
    expect(v.definitions['client-id']).toBe('the public id of the app at the provider');
    // One such line inside an answer ("Access token  lifetimes are short…") is a sentence of it.
    const one = verdicts(
      readFileSync(
        new URL('../fixtures/review-shapes/column-gap-in-an-answer.md', import.meta.url),
        'utf8',
      ),
    );
    expect(one.questions['access-token']).toBe('correct');
    expect(one.answers['access-token']).toContain('lifetimes are short');
  });

  it("what the sixth review found: item numbers that are not items (an answer's own list, sources, open questions, loose steps), questions 1-3 then terms 4-10, terms written twice, a Questions line with no vocabulary heading", () => {
    const read = (name: string) =>
      verdicts(readFileSync(new URL(`../fixtures/review-shapes/${name}`, import.meta.url), 'utf8'));
    const numberedFromQuestions = read('s11-q1-3-terms-4-10.txt');
    expect(Object.values(numberedFromQuestions.questions)).toEqual([
      'correct',
      'correct',
      'correct',
    ]);
    expect(Object.values(numberedFromQuestions.vocabulary)).toEqual(Array(7).fill('correct'));
    // "Two things: 1. … 2. …" under a question is its answer's list; so are a term's numbered points.
    const points = read('s33-numbered-answer-points.md');
    expect(points.questions['access-token']).toBe('correct');
    expect(points.questions['authorization-code']).toBe('missing');
    const termPoints = read('s34-numbered-def-points.md');
    expect(termPoints.vocabulary['access-token']).toBe('correct');
    expect(termPoints.vocabulary['client-id']).toBe('missing');
    // Steps in the student's own sentences, numbered with blank lines between: the ordering.
    const loose = read('s40-loose-sentences.txt');
    expect(loose.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(loose.questions['access-token']).toBe('missing');
    // "Questions:" with no vocabulary heading: the term lines below stay the terms.
    const questionsLine = read('s47-dash-colon-questions-line.txt');
    expect(questionsLine.vocabulary['authorization-code']).toBe('incorrect');
    expect(questionsLine.vocabulary['access-token']).toBe('correct');
    // A term written twice inside the vocabulary (a correction, a note) is no question.
    expect(read('s16-term-twice-correction.md').questions['authorization-code']).toBe('missing');
    const note = read('s31-term-see-above.md');
    expect(note.questions['access-token']).toBe('missing');
    expect(note.vocabulary['access-token']).toBe('correct');
    // "Questions I still have: 1. …?" and "Sources: (3) …" answer nothing; nor "- benefit:" under a term.
    const asides = read('s13-notes-refs-missing.md');
    expect(asides.questions['authorization-code']).toBe('missing');
    expect(asides.questions['oauth-benefit']).toBe('missing');
    expect(read('s30-benefit-subbullet.md').questions['oauth-benefit']).toBe('missing');
  });

  it('what the fifth review found in those shapes: code assignments, headings in a row, a note after a bare Q, an order on one line that is no answer', () => {
    const read = (name: string) =>
      readFileSync(new URL(`../fixtures/review-shapes/${name}`, import.meta.url), 'utf8');
    // `API_ENDPOINT = "…"` in an answer is code, not the term's definition.
    const code = verdicts(read('code-assignment.md'));
    expect(code.vocabulary['api-endpoint']).toBe('correct');
    expect(code.answers['access-token']).toContain('API_ENDPOINT');
    // Headings one after another with no answer under them stay headings.
    const headings = verdicts(read('headings-in-a-row.md'));
    expect(headings.questions['oauth-benefit']).toBe('missing');
    expect(headings.vocabulary['client-id']).toBe('correct');
    // "Q access token - do we send it in the body too? (ask in class)": the student's own question.
    const note = verdicts(
      [
        '## What can you do with an authorization code?',
        'Exchange it at the token endpoint for an access token.',
        'Q access token - do we send it in the body too? (ask in class)',
        '## What can you do with an access token?',
        "Call the API on the user's behalf as a Bearer token.",
      ].join('\n'),
    );
    expect(note.questions['access-token']).toBe('correct');
    // A numbered list, then the order the student first had, on one line: the list is the answer.
    const backwards = verdicts(
      [
        '## Put these steps in the correct order',
        ...STEPS.map((s, i) => `${i + 1}. ${s}`),
        `I first had these backwards: ${[6, 5, 4, 3, 2].map((n) => STEPS[n - 1]).join(', ')}`,
      ].join('\n'),
    );
    expect(backwards.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("names written as code (accessTokenEndpoint, API_ENDPOINT, client_secret: ~), Jira's # lists, [n] positions, Q before a subject, an order on one line below the prompt's list", () => {
    const yaml = verdicts(
      [
        'vocabulary:',
        "  client_id: the app's public identifier with the provider",
        '  client_secret: ~',
        '  accessTokenEndpoint: "the /token URL where the app swaps the code for an access token"',
        '  API_ENDPOINT: resource server URL the app calls with the access token',
        '  authorization-code: one-time code from the redirect, exchanged for an access token',
        'body: client_id=abc&client_secret=shh&code=xyz',
      ].join('\n'),
    );
    expect(yaml.vocabulary['client-secret']).toBe('missing');
    expect(yaml.vocabulary['access-token-endpoint']).toBe('correct');
    expect(yaml.vocabulary['api-endpoint']).toBe('correct');
    expect(yaml.vocabulary['authorization-code']).toBe('correct');
    // A form body is no definition ("client_id=abc&…").
    expect(yaml.definitions['client-id']).toBe("the app's public identifier with the provider");
    const jsdoc = verdicts(
      [
        '/**',
        ' * @property clientId  Identifier our app gets when it is registered; public.',
        ' * @param {string} client_secret  Confidential credential of the app, kept on the server.',
        ' */',
        ':param access_token: the bearer credential the app sends to the API',
      ].join('\n'),
    );
    expect(jsdoc.vocabulary['client-id']).toBe('correct');
    expect(jsdoc.vocabulary['client-secret']).toBe('correct');
    expect(jsdoc.vocabulary['access-token']).toBe('correct');

    const jira = verdicts(['*Steps in order*', ...STEPS.map((s) => `# ${s}`)].join('\n'));
    expect(jira.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Two top-level headings in a row stay headings.
    expect(verdicts(`# Review\n# Steps\n${STEPS.map((s) => `- ${s}`).join('\n')}`).given).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);

    const order = [7, 3, 4, 6, 5, 1, 2];
    const bracketed = verdicts(
      [
        '## Write the following steps in the correct order',
        ...order.map((n) => `- [${[1, 2, 3, 5, 4, 6, 7].indexOf(n)}] ${STEPS[n - 1]}`),
      ].join('\n'),
    );
    expect(bracketed.given).toEqual([1, 2, 3, 5, 4, 6, 7]);

    const bare = verdicts(
      [
        'Q authz code: one-time; redeem it at the token endpoint for an access token.',
        'Q access token - present it as a bearer token to the API, within its scopes.',
        'Q benefit: we never handle the password; access is scoped and revocable.',
        'Q: why do we do this?',
      ].join('\n'),
    );
    expect(bare.questions).toEqual({
      'authorization-code': 'correct',
      'access-token': 'correct',
      'oauth-benefit': 'correct',
    });

    const below = verdicts(
      [
        '> 1. Write the following steps in the correct order:',
        ...[5, 2, 6, 1, 7, 3, 4].map((n) => `>    - ${STEPS[n - 1]}`),
        '',
        'register the app -> ask the user -> redirect to the auth endpoint -> get the code back -> call the token endpoint -> get the access token -> call the API',
      ].join('\n'),
    );
    expect(below.given).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('verdicts a careful grader gives', () => {
  // Answers of my own, each sharing words with a pattern added after the sets of holdout6/7.
  it.each([
    // [item, answer, verdict, misconception]
    // A weak sheet's usual ideas: the token as a session cookie, the code as a short access token,
    // the app's own login route, the client ID as the user's username; and their contrasts.
    [
      't:access-token',
      'the cookie that keeps you logged in',
      'incorrect',
      'access-token-as-identity',
    ],
    [
      'q:access-token',
      'keep the user logged in to our website, it is stored as the session cookie',
      'incorrect',
      'access-token-as-identity',
    ],
    [
      't:access-token',
      'unlike a session cookie that keeps you logged in, it is sent to the API',
      'correct',
      undefined,
    ],
    ['t:authorization-code', 'like a temporary access token', 'incorrect', 'code-is-access-token'],
    [
      't:authorization-code',
      'a one-time code, kind of like a ticket you trade for an access token',
      'correct',
      undefined,
    ],
    [
      't:authentication-endpoint',
      'our /login route that checks the username and password against the DB',
      'incorrect',
      'auth-endpoint-takes-password-for-app',
    ],
    [
      't:authentication-endpoint',
      'the provider login page where the user approves the app, not our own login page',
      'correct',
      undefined,
    ],
    [
      't:client-id',
      'the username of the person logging in',
      'incorrect',
      'client-id-identifies-user',
    ],
    ['t:client-id', 'the username of the app, public', 'correct', undefined],
    // The code sent to the API, or holding the user's data; the user's own ID as the client ID.
    [
      't:authorization-code',
      "a code you send to the API to get the user's data",
      'incorrect',
      'code-calls-api',
    ],
    [
      't:authorization-code',
      'not a code you send to the API: it is swapped for a token',
      'correct',
      undefined,
    ],
    [
      't:authorization-code',
      'a code that have the user information',
      'incorrect',
      'code-decoded-for-data',
    ],
    [
      't:authorization-code',
      'the code that says the user is authenticated.',
      'incorrect',
      'code-decoded-for-data',
    ],
    ['t:client-id', 'the users id number', 'incorrect', 'client-id-identifies-user'],
    ['t:client-id', "it names the app, not the user's id", 'correct', undefined],
    // What the fifth review found: contrasts, negations and possessives the new patterns first took.
    ['t:client-id', "the site's public identifier for your app", 'correct', undefined],
    [
      't:authorization-code',
      'URL code: the one-time value in the redirect, exchanged for a token',
      'correct',
      undefined,
    ],
    [
      't:authorization-code',
      'the token endpoint where the app posts the code',
      'incorrect',
      'code-defined-as-endpoint',
    ],
    [
      't:access-token',
      "a credential for calling the API; we don't decode it to get the user's email, we use the ID token for that",
      'correct',
      undefined,
    ],
    [
      'q:access-token',
      "use it to call the API. You could decode it to get the user's email but the spec says the client shouldn't",
      'correct',
      undefined,
    ],
    [
      'q:access-token',
      'call the API; the app also pulls the user id out of the JWT',
      'incorrect',
      'client-reads-access-token',
    ],
    [
      'q:oauth-benefit',
      "you don't have to store users' passwords encrypted in your own database, the provider handles login",
      'correct',
      undefined,
    ],
    [
      'q:oauth-benefit',
      "the token is signed rather than encrypted but the app never gets the password, so it's safer",
      'correct',
      undefined,
    ],
    ['q:oauth-benefit', 'safer because of encryption', 'incorrect', 'oauth-encrypts'],
    [
      'q:authorization-code',
      "you can't call the API with it; putting the code in the Authorization header would be rejected. You trade it for a token.",
      'correct',
      undefined,
    ],
    [
      'q:authorization-code',
      'use the code as a bearer token for API calls',
      'incorrect',
      'code-calls-api',
    ],
    [
      't:api-endpoint',
      'where you get info such as GET /user, once you sign in and approve the app',
      'correct',
      undefined,
    ],
    [
      't:access-token-endpoint',
      "the endpoint that takes the user's login credentials",
      'incorrect',
      'token-endpoint-is-login-page',
    ],
    // The timed exam's mixed answers: a right account and a wrong idea beside it.
    [
      'q:authorization-code',
      "trade it at the token endpoint for an access token. you can also use the code to pull the user's profile from the api",
      'incorrect',
      'code-calls-api',
    ],
    [
      't:client-secret',
      'app password. the browser sends it to the auth server along with the client id',
      'incorrect',
      'client-secret-can-be-public',
    ],
    [
      't:client-secret',
      "the app's own password at the provider, kept only on the server. If the browser sends the secret, anyone can copy it",
      'correct',
      undefined,
    ],
    ['t:client-id', 'the id of the client (= the user)', 'incorrect', 'client-id-client-is-user'],
    [
      't:access-token-endpoint',
      "where you send the auth code to get the access token, you also send the user's username + password here",
      'incorrect',
      'token-endpoint-gets-user-password',
    ],
    [
      't:access-token-endpoint',
      "the app posts the code and its own credentials; the user's password never goes here",
      'correct',
      undefined,
    ],
    // What the sixth review found: negations, conditions and other senders the new patterns took.
    [
      'q:authorization-code',
      "It's useless on its own: nobody can use it to read anything from the API until it is exchanged for a token.",
      'correct',
      undefined,
    ],
    [
      'q:authorization-code',
      "You use it to get an access token from the API's token endpoint.",
      'correct',
      undefined,
    ],
    [
      't:client-secret',
      "App's private key, kept on the server. If it were in the frontend, the browser holds it and anyone can read it.",
      'correct',
      undefined,
    ],
    [
      't:client-id',
      'The public ID of the client (= user-side app) that the provider gave us at registration.',
      'correct',
      undefined,
    ],
    [
      't:access-token-endpoint',
      'Where the app posts the code to get a token; the user only gives their password at the authentication endpoint, never here.',
      'correct',
      undefined,
    ],
    [
      't:access-token-endpoint',
      "In the password grant you send the user's username and password here, but in the code flow the app sends the code instead.",
      'correct',
      undefined,
    ],
    // What the student took back is not the answer; an edit that adds is kept.
    [
      'q:access-token',
      "its the user's encrypted password (ignore above) send it on API requests in the Authorization: Bearer header",
      'correct',
      undefined,
    ],
    [
      't:client-secret',
      'the app puts it in the login link EDIT: no - it stays on our server, only sent on the server-to-server token request',
      'correct',
      undefined,
    ],
    [
      't:access-token',
      'a credential the app sends to the API. Edit: also it expires',
      'correct',
      undefined,
    ],
    // The graduate set's strong students' wrong claims, and the right answers beside them.
    [
      'q:access-token',
      "call the API with it; the client validates the ID token's signature, but the access token is opaque to it",
      'correct',
      undefined,
    ],
    [
      't:authorization-code',
      'one-time code from the redirect, exchanged for an access token; it cannot be used again',
      'correct',
      undefined,
    ],
    [
      't:access-token-endpoint',
      'where the app posts the code for tokens; SPAs use it too, instead of the old implicit flow',
      'correct',
      undefined,
    ],
    [
      't:access-token-endpoint',
      'where the server posts the code. SPAs can use the implicit flow and get the token directly in the redirect URI',
      'incorrect',
      'implicit-flow-for-spas',
    ],
    // What the seventh review found: history, criticism, negations and the student's own questions.
    [
      't:access-token-endpoint',
      'Where the app trades the code for a token. SPAs used to use the implicit flow, which skipped this endpoint.',
      'correct',
      undefined,
    ],
    [
      't:access-token-endpoint',
      'Where the app trades the code for a token. OAuth 2.1 drops the implicit flow entirely.',
      'correct',
      undefined,
    ],
    [
      't:access-token',
      'Token the app sends to call the API. The client cannot validate the signature, only the resource servers can.',
      'correct',
      undefined,
    ],
    [
      't:authorization-code',
      "One-time code from the redirect, exchanged for an access token. It's single-use: if you try to redeem it a second time the server rejects it.",
      'correct',
      undefined,
    ],
    [
      't:authorization-code',
      'One-time code from the redirect, exchanged for an access token; it is valid until it expires, which should be within 10 minutes, and it must not be used twice.',
      'correct',
      undefined,
    ],
    [
      'q:oauth-benefit',
      "You never handle the user's password; edit: no longer need to store hashes either.",
      'correct',
      undefined,
    ],
    [
      't:client-id',
      'Public identifier of the app at the provider. Does it need protecting? Actually, no: anyone can see it.',
      'correct',
      undefined,
    ],
    // A value defined as a place, an endpoint described for a credential, and the reverse.
    [
      't:authorization-code',
      'provider URL where the app posts the code to get an access token back',
      'incorrect',
      'code-defined-as-endpoint',
    ],
    [
      't:access-token',
      'the URL of the resource server that the app calls',
      'incorrect',
      'access-token-defined-as-endpoint',
    ],
    [
      't:client-id',
      'the provider URL where the user signs in',
      'incorrect',
      'client-id-defined-as-endpoint',
    ],
    [
      't:client-secret',
      'the endpoint where the app sends the code',
      'incorrect',
      'client-secret-defined-as-endpoint',
    ],
    [
      't:access-token',
      'a URL-safe string the app sends to the API with each call',
      'correct',
      undefined,
    ],
    ['t:client-id', 'the URL parameter client_id that names the app', 'correct', undefined],
    [
      't:authorization-code',
      'the code in the URL after the redirect; the app exchanges it for an access token',
      'correct',
      undefined,
    ],
    [
      't:api-endpoint',
      'provider page where the user signs in and approves the requested scopes',
      'incorrect',
      'api-endpoint-is-consent-page',
    ],
    [
      't:api-endpoint',
      'the URL you call with the token after the user signs in and approves',
      'correct',
      undefined,
    ],
    // The app reading the access token for who the user is, beside a right account of the API.
    [
      't:access-token',
      "A short-lived token sent to the API with each request. It's a JWT, so the app can also decode it to get the user's name and email.",
      'incorrect',
      'client-reads-access-token',
    ],
    [
      'q:access-token',
      'send it to the API; our front end parses the JWT to show the user name',
      'incorrect',
      'client-reads-access-token',
    ],
    [
      't:access-token',
      'sent to the API with each request; the API decodes it to check the scopes',
      'correct',
      undefined,
    ],
    [
      't:access-token',
      'the app never decodes it to read the user name, it just sends it to the api',
      'correct',
      undefined,
    ],
    // Encryption as what OAuth gives.
    [
      'q:oauth-benefit',
      'its more secure because everything gets encrypted',
      'incorrect',
      'oauth-encrypts',
    ],
    [
      'q:oauth-benefit',
      'OAuth encrypts the passwords so they are safe to store in our database.',
      'incorrect',
      'oauth-encrypts',
    ],
    [
      'q:oauth-benefit',
      'Basic auth sends the creds on every request (base64 != encryption); with OAuth the password only ever goes to the provider',
      'correct',
      undefined,
    ],
    [
      'q:oauth-benefit',
      'the requests are encrypted with https either way, but with oauth our app never sees the password',
      'correct',
      undefined,
    ],
    // The client ID as the user's own name at the provider; the code in the API call's header.
    [
      't:client-id',
      'the users username on the third party site',
      'incorrect',
      'client-id-identifies-user',
    ],
    ['t:client-id', 'like a username for your app', 'correct', undefined],
    [
      't:authorization-code',
      'the code in the header that lets you call the api',
      'incorrect',
      'code-calls-api',
    ],
    [
      't:access-token-endpoint',
      'Endpoint on the authorization server that takes the code (plus client credentials) and responds with an access token',
      'correct',
      undefined,
    ],
    [
      't:client-id',
      'the id of the client, which is the person who logs in',
      'incorrect',
      'client-id-client-is-user',
    ],
    [
      't:client-id',
      'the number of the person signing in (the "client")',
      'incorrect',
      'client-id-client-is-user',
    ],
    [
      't:client-id',
      'In step 2 the word client means the user, but the client ID names the app at the provider.',
      'correct',
      undefined,
    ],
    ['t:client-secret', 'Secret of the client', 'partial', undefined],
    ['t:client-id', 'id for the client', 'partial', undefined],
    ['t:client-id', 'ID for your app', 'correct', undefined],
    [
      't:access-token',
      'a string that identifies the person, a bit like a session id',
      'incorrect',
      'access-token-as-identity',
    ],
    [
      't:access-token',
      "a token that identifies the user's permissions to the API",
      'correct',
      undefined,
    ],
    [
      't:access-token',
      'It does not identify the user; the ID token does that. The access token is for calling the API.',
      'correct',
      undefined,
    ],
    [
      't:access-token',
      'sent with each API call for the user. It never expires, so you fetch it once.',
      'incorrect',
      'access-token-never-expires',
    ],
    [
      't:access-token',
      'a short-lived credential for the API; refresh tokens may never expire but this one does',
      'correct',
      undefined,
    ],
    [
      't:access-token',
      "Refresh tokens don't expire quickly, access tokens do, and you send them to the API",
      'correct',
      undefined,
    ],
    [
      't:access-token-endpoint',
      "the endpoint that checks the token and returns the user's data",
      'incorrect',
      'token-endpoint-is-api',
    ],
    [
      't:access-token-endpoint',
      'where the app sends the code once; after that the token goes on every request to the API',
      'correct',
      undefined,
    ],
    [
      't:authentication-endpoint',
      'an endpoint on our server that receives the username and password and forwards them to Google',
      'incorrect',
      'auth-endpoint-takes-password-for-app',
    ],
    [
      't:authentication-endpoint',
      "our server never receives the password; the user types it on the provider's page and approves the app",
      'correct',
      undefined,
    ],
    [
      't:authentication-endpoint',
      'the back-end URL our server posts the authorization code and client secret to',
      'incorrect',
      'auth-endpoint-is-token-endpoint',
    ],
    [
      't:authentication-endpoint',
      'la página del proveedor where the user types the password and gives permission',
      'correct',
      undefined,
    ],
    ['q:authorization-code', 'a code for calling the API', 'incorrect', 'code-calls-api'],
    [
      'q:authorization-code',
      "It is not like an access token: the API won't accept it; you trade it for one.",
      'correct',
      undefined,
    ],
    [
      'q:authorization-code',
      'You exchange it for an access token. The same code also logs the user back in later.',
      'incorrect',
      'code-used-again',
    ],
    [
      'q:authorization-code',
      'trade it once for a token; you cannot reuse it',
      'correct',
      undefined,
    ],
    [
      'q:authorization-code',
      'You send it to the server of the provider and it gives you the access token.',
      'correct',
      undefined,
    ],
    ['t:authorization-code', 'a temporary code, you change it for the token', 'correct', undefined],
    [
      't:authorization-code',
      "a code that contains the user's profile",
      'incorrect',
      'code-decoded-for-data',
    ],
    [
      't:authorization-code',
      "a code that has to be traded for the user's access token",
      'correct',
      undefined,
    ],
    [
      'q:oauth-benefit',
      'The user types their password in our form and our server passes them on to Google.',
      'incorrect',
      'app-gets-password',
    ],
    [
      'q:oauth-benefit',
      'Like a valet key: the user never hands our app their real key (their password), only a limited one.',
      'correct',
      undefined,
    ],
    [
      'q:oauth-benefit',
      'With basic auth the user types the password into our form; with OAuth they type it only at Google.',
      'correct',
      undefined,
    ],
    // After holdout8 and holdout9 (sentences of my own).
    [
      't:authentication-endpoint',
      "the provider's sign-in page where the user approves the app",
      'correct',
      undefined,
    ],
    [
      'q:access-token',
      'basically it is your login, you use it to log the user into your app',
      'incorrect',
      'access-token-as-identity',
    ],
    [
      'q:access-token',
      'you decode it and read their email, so the app knows who logged in',
      'incorrect',
      'access-token-as-identity',
    ],
    [
      't:access-token',
      "the user's password for the provider, more or less",
      'incorrect',
      'access-token-is-password',
    ],
    [
      't:client-secret',
      'for the android app you bake it into the apk so the phone can use it',
      'incorrect',
      'client-secret-can-be-public',
    ],
    [
      't:client-secret',
      'known only to the server; PKCE does not make it OK to put it in a browser app',
      'correct',
      undefined,
    ],
    [
      'q:authorization-code',
      'you attach it to the authorization header when calling the API',
      'incorrect',
      'code-calls-api',
    ],
    ['q:authorization-code', 'use it immediately to call the API', 'incorrect', 'code-calls-api'],
    [
      't:authorization-code',
      'an HTTP status code like 403 that says no',
      'incorrect',
      'code-as-http-status',
    ],
    [
      'q:access-token',
      'send it to the API for the user, and access tokens never expire',
      'incorrect',
      'access-token-never-expires',
    ],
    ['q:oauth-benefit', 'No passwords in our database at all.', 'correct', undefined],
    ['q:oauth-benefit', 'They sign in with GitHub, not on our site.', 'correct', undefined],
    ['t:access-token-endpoint', '/token: code in, tokens out', 'correct', undefined],
    ['t:api-endpoint', 'a specific URL where the user logs in', 'partial', undefined],
    ['t:client-id', 'public; tells the provider which app is asking', 'correct', undefined],
    // Correct answers a second reviewer wrote against the patterns added after holdout8 and holdout9.
    [
      'q:authorization-code',
      'Trade it for an access token and put it in the Authorization header of your API calls.',
      'correct',
      undefined,
    ],
    [
      'q:authorization-code',
      'The app trades the code for an access token and can use it immediately to call the API.',
      'correct',
      undefined,
    ],
    [
      't:authorization-code',
      'what the provider redirects back with (a 302 status code, ?code=...) after the user approves; exchanged for tokens',
      'correct',
      undefined,
    ],
    [
      'q:access-token',
      "Your password never reaches the app; instead it sends this token to the API to get the user's data.",
      'correct',
      undefined,
    ],
    [
      't:access-token',
      'short-lived credential for the API (about 1h). The refresh token is different: it never expires unless revoked.',
      'correct',
      undefined,
    ],
    [
      'q:access-token',
      'Call the API with it in the Authorization header. A common myth is that it never expires; it does, usually in an hour.',
      'correct',
      undefined,
    ],
    [
      'q:access-token',
      "The ID token has the user's identity; this one is sent to the API.",
      'correct',
      undefined,
    ],
    [
      'q:access-token',
      "Sent to the API so the server knows which user's data to return.",
      'correct',
      undefined,
    ],
    [
      't:client-secret',
      "The app's own password for the token endpoint, kept on the server. A mobile app can be decompiled, so if you put it in the app anyone can extract it.",
      'correct',
      undefined,
    ],
    [
      't:authorization-code',
      'come back to the redirect URI, swapped for tokens',
      'correct',
      undefined,
    ],
    [
      'q:oauth-benefit',
      "The user's password never goes through my app, so there is nothing for us to store.",
      'correct',
      undefined,
    ],
    ['q:oauth-benefit', "People don't have to trust us with their password.", 'correct', undefined],
    [
      'q:oauth-benefit',
      'the password goes through our server on its way to Google',
      'incorrect',
      'app-gets-password',
    ],
    // A third reviewer's cases, after the fixes of 084ac1a.
    [
      'q:authorization-code',
      'Exchange the code for an access token. Then put it in the Authorization header.',
      'correct',
      undefined,
    ],
    [
      'q:authorization-code',
      'you exchange it for an access_token and then add it to the authorization header',
      'correct',
      undefined,
    ],
    [
      'q:authorization-code',
      'put the code in the authorization header',
      'incorrect',
      'code-calls-api',
    ],
    [
      'q:access-token',
      'call the api. unlike the refresh token, the access token never expires',
      'incorrect',
      'access-token-never-expires',
    ],
    [
      't:authorization-code',
      "It's an HTTP status code like 401",
      'incorrect',
      'code-as-http-status',
    ],
    [
      't:client-secret',
      'for a mobile app, when you build it you embed the secret in the binary',
      'incorrect',
      'client-secret-can-be-public',
    ],
    [
      't:access-token',
      "the user's password, not the username, in a safer form",
      'incorrect',
      'access-token-is-password',
    ],
    ['q:oauth-benefit', "the password doesn't go through our app", 'correct', undefined],
    [
      'q:oauth-benefit',
      'unlike basic auth where passwords go through your server, here google handles it',
      'correct',
      undefined,
    ],
    ['t:access-token', 'come back to this later', 'missing', undefined],
    // Two reviewers' cases against today's patterns (holdout11): a secret in code the browser runs,
    // access tokens "good forever", the token endpoint as the end of the flow.
    [
      't:client-secret',
      "the app's password. I keep it in a const at the top of app.js (browser) so fetch works",
      'incorrect',
      'client-secret-can-be-public',
    ],
    [
      't:client-secret',
      "the app's own password; keep it in an encrypted secrets file the browser never gets to see",
      'correct',
      undefined,
    ],
    [
      't:client-secret',
      "the app's own password, kept in Vault with the DB password - the browser only sees the client id",
      'correct',
      undefined,
    ],
    [
      't:client-secret',
      "the app's own password; keep it in server.js on the back end",
      'correct',
      undefined,
    ],
    [
      't:access-token',
      'sent to the API; once you have it, it is good forever',
      'incorrect',
      'access-token-never-expires',
    ],
    [
      't:access-token',
      "sent to the API. People think that it's good forever, but it expires after an hour",
      'correct',
      undefined,
    ],
    [
      'q:access-token',
      'call the API with it. Access tokens are good forever? No, they expire',
      'correct',
      undefined,
    ],
    [
      't:access-token-endpoint',
      'the URL the server calls to get the token; after that the sign-in process ends',
      'correct',
      undefined,
    ],
    // The fifteenth set's two misconceptions, and correct answers in their words.
    [
      'q:access-token',
      'Call the API with it as a Bearer token. In our apps we just send the ID token in the header instead.',
      'incorrect',
      'id-token-to-api',
    ],
    [
      'q:access-token',
      'send it to the API as a bearer token; never send the ID token to the API',
      'correct',
      undefined,
    ],
    [
      'q:access-token',
      "call the API with it; don't put the ID token in the header",
      'correct',
      undefined,
    ],
    [
      't:client-id',
      'the id of the client (the user who is logging in)',
      'incorrect',
      'client-id-client-is-user',
    ],
    ['t:client-id', 'the id of the client (the app), not of the user', 'correct', undefined],
    // A fourth reviewer's correct answers in those misconceptions' words.
    [
      'q:authorization-code',
      'Swap it for an access token. It is way more secure than SMS based login.',
      'correct',
      undefined,
    ],
    [
      'q:authorization-code',
      'The backend trades it for an access token. They type the code? No - it comes back in the redirect URL.',
      'correct',
      undefined,
    ],
    [
      't:client-secret',
      'a private key; the secret goes in the POST body to the token endpoint, the client ID goes in the URL',
      'correct',
      undefined,
    ],
    [
      't:client-secret',
      "app's password, passed in the POST body rather than the URL",
      'correct',
      undefined,
    ],
    [
      't:client-secret',
      'secret the server keeps; if you put in the frontend code anyone can read it',
      'correct',
      undefined,
    ],
    [
      't:access-token',
      'a credential for the API; unlike a refresh token that never expires, it lasts about an hour',
      'correct',
      undefined,
    ],
    // The fourteenth set's misconceptions, and correct answers in the same words.
    [
      't:client-secret',
      'a confidential credential; it is appended as a query parameter to the authorization URL',
      'incorrect',
      'client-secret-in-url',
    ],
    [
      't:client-secret',
      "the app's password; it never goes in the URL, only in the POST to the token endpoint",
      'correct',
      undefined,
    ],
    [
      'q:access-token',
      'call the API; each request must carry an oauth_signature made with the token secret',
      'incorrect',
      'oauth1-mechanics',
    ],
    [
      'q:access-token',
      'call the API with it as a bearer token; unlike OAuth 1.0 there is no oauth_signature',
      'correct',
      undefined,
    ],
    [
      't:authorization-code',
      'the 6-digit code from a text message that the user types to confirm the login',
      'incorrect',
      'code-as-2fa-code',
    ],
    [
      'q:authorization-code',
      'exchange it at the token endpoint; unlike an SMS code, nobody types it',
      'correct',
      undefined,
    ],
    [
      't:access-token',
      'a token that never expires, so you only need to get it once',
      'incorrect',
      'access-token-never-expires',
    ],
    [
      't:access-token',
      'sent to the API; a token that never expires would be dangerous',
      'correct',
      undefined,
    ],
    [
      't:client-id',
      'the id of the logged in user in our database',
      'incorrect',
      'client-id-identifies-user',
    ],
    [
      't:client-secret',
      'a secret key you put in the frontend code so the browser can get the tokens',
      'incorrect',
      'client-secret-can-be-public',
    ],
    [
      't:client-secret',
      "the app's password; you never put it in the frontend code",
      'correct',
      undefined,
    ],
    // A third reviewer's answers against those misconceptions: contrasts, others' beliefs, denials.
    [
      'q:authorization-code',
      'Send it to the token endpoint with the secret; in return this is an access token you can use.',
      'correct',
      undefined,
    ],
    [
      'q:access-token',
      "Call the API on the user's behalf. People often think this is the authorization code, it isn't.",
      'correct',
      undefined,
    ],
    [
      'q:access-token',
      'The access token and authorization code are identical, use either to call the API.',
      'incorrect',
      'access-token-is-the-code',
    ],
    [
      't:client-id',
      "Identifies your app; it's paired with a private key (the client secret).",
      'correct',
      undefined,
    ],
    [
      't:client-secret',
      'A password for the app. Public clients like SPAs have none; PKCE replaces it there.',
      'correct',
      undefined,
    ],
    [
      't:client-secret',
      'Secret the server sends with the code. Many think PKCE replaces it, but confidential clients still need it.',
      'correct',
      undefined,
    ],
    [
      't:api-endpoint',
      'The specific address of the provider API (e.g. /playlists), not the login page where you enter your username.',
      'partial',
      undefined,
    ],
    [
      'q:access-token',
      'Call the API with it. The token never expires, but the user can revoke it.',
      'incorrect',
      'access-token-never-expires',
    ],
    [
      'q:access-token',
      'Call the API with it. I think that it never expires.',
      'incorrect',
      'access-token-never-expires',
    ],
    // The thirteenth set's misconceptions, and correct answers in the same words.
    ['t:authorization-code', 'The access token.', 'incorrect', 'code-is-access-token'],
    [
      'q:authorization-code',
      'you trade it and what you get back is the access token',
      'correct',
      undefined,
    ],
    ['q:access-token', 'call the API; it is not the same thing as the code', 'correct', undefined],
    [
      't:access-token',
      'the same thing as the authorization code',
      'incorrect',
      'access-token-is-the-code',
    ],
    [
      't:client-secret',
      "the app's password on the server; a single-page app has none, PKCE replaces it there",
      'correct',
      undefined,
    ],
    [
      't:client-secret',
      'PKCE replaces the client secret for our Express backend',
      'incorrect',
      'pkce-replaces-secret',
    ],
    [
      't:client-id',
      'the public id of the app; unlike the client secret it is not a secret',
      'correct',
      undefined,
    ],
    [
      't:client-id',
      'a private key of our app, never share it with anyone',
      'incorrect',
      'client-id-is-secret',
    ],
    [
      't:authentication-endpoint',
      'the provider login page; the API checks the token later',
      'correct',
      undefined,
    ],
    [
      't:api-endpoint',
      'the page where people enter their username and password',
      'incorrect',
      'api-endpoint-is-login',
    ],
    // Correct answers a reviewer wrote against the first version of these patterns.
    [
      't:client-id',
      "an id for the client, which is the user's app, not the user",
      'correct',
      undefined,
    ],
    [
      't:client-id',
      'In the assignment the client is the user, but in OAuth the client is the app, and this is its public ID.',
      'correct',
      undefined,
    ],
    [
      't:authentication-endpoint',
      'Unlike basic auth, where our server gets the password, here the user signs in at the provider and approves the app.',
      'correct',
      undefined,
    ],
    [
      't:authentication-endpoint',
      "The provider's page where the user logs in; our app gets a code after the password check at Google.",
      'correct',
      undefined,
    ],
    [
      't:access-token-endpoint',
      "The provider URL that hands out tokens. Don't confuse it with the API, where you attach the token to every call.",
      'correct',
      undefined,
    ],
    [
      'q:authorization-code',
      'You exchange the code to access the API: the token endpoint gives you an access token for it.',
      'correct',
      undefined,
    ],
    [
      'q:authorization-code',
      "It's kind of like a token, but the API won't take it; you trade it for the access token.",
      'correct',
      undefined,
    ],
    [
      't:access-token',
      "It's short-lived; a token that never expires would be dangerous if stolen.",
      'partial',
      undefined,
    ],
    [
      'q:oauth-benefit',
      "The user's password stays with Google: our app just sends them to Google's login page.",
      'correct',
      undefined,
    ],
    [
      't:authorization-code',
      'The provider has the user sign in and approve, then returns the code to the redirect URI.',
      'correct',
      undefined,
    ],
  ] as const)('%s "%s" is %s (%s)', (key, answer, verdict, misconception) => {
    const [kind, id] = key.split(':') as ['q' | 't', string];
    const r = evaluate(kind === 'q' ? q(id) : t(id), answer);
    expect(r.verdict).toBe(verdict);
    expect(r.misconceptions.map((m) => m.id)).toEqual(
      misconception === undefined ? [] : [misconception],
    );
  });

  it.each([
    // [kind, id, a right answer, the wrong phrasing that must not be accepted, the misconception it is (or '')]
    [
      'term',
      'authentication-endpoint',
      'the provider page where the user signs in and approves the app',
      "the endpoint the app's back end calls with the code to authenticate the user",
      'auth-endpoint-is-token-endpoint',
    ],
    [
      'term',
      'access-token-endpoint',
      'where the app exchanges the code for an access token',
      'the page where the user types their password to get a token',
      'token-endpoint-is-login-page',
    ],
    [
      'term',
      'access-token',
      'sent to the resource server, which will process the request within the granted scopes',
      'an object that describes the security context of a process or thread',
      'access-token-as-os-session',
    ],
    [
      'question',
      'access-token',
      'send it to the resource server, which will process the request within the granted scopes',
      'use it to change file permissions of a process for the user groups',
      'access-token-as-os-session',
    ],
    [
      'term',
      'client-id',
      'the public identifier of the app',
      'a unique identifier for a browser and device pair, used by an analytics service',
      'client-id-as-analytics-id',
    ],
    [
      'term',
      'client-id',
      'identifies the application to the authorization server',
      'Your client number, printed on every letter we send you',
      'client-id-as-account-number',
    ],
    [
      'term',
      'client-id',
      'the id the provider gives our app',
      'the unique client identifier (UCI) on your immigration papers',
      'client-id-as-case-number',
    ],
    [
      'term',
      'client-id',
      'the public id of the registered application',
      'The id read-only property of the Client interface',
      'client-id-as-browser-object',
    ],
    [
      'term',
      'authentication-endpoint',
      'where the user is redirected to sign in at the provider',
      'checks the identity of laptops before granting them access to a network',
      'endpoint-as-network-device-auth',
    ],
    [
      'term',
      'authorization-code',
      'a one-time code the app exchanges for an access token',
      'the approval code an issuing bank gives for a card purchase',
      'code-as-payment-approval',
    ],
    [
      'term',
      'authorization-code',
      'a code you get after the user logs in, exchanged for a token',
      'it logs the user in to our app',
      'code-gives-access',
    ],
    [
      'question',
      'authorization-code',
      'exchange it for an access token',
      'decode it and compare the user with our database',
      'code-decoded-for-data',
    ],
    [
      'question',
      'authorization-code',
      'trade it for a token at the token endpoint',
      'With the code the user is now logged in to the site',
      'code-gives-access',
    ],
    [
      'question',
      'authorization-code',
      'swap it at the token endpoint, then call the API with the token you get',
      'it calls the resource server directly; you may also trade it for a token later',
      'code-calls-api',
    ],
    [
      'term',
      'client-secret',
      'a confidential credential that stays on our server, never in the React code',
      'you embed it in the Vue bundle so the browser can use it',
      'client-secret-can-be-public',
    ],
    [
      'term',
      'client-secret',
      'the app’s own password, known only to the back end and the provider',
      'a public identifier the provider assigns to the app',
      'client-secret-as-public-id',
    ],
    [
      'term',
      'authorization-code',
      'a one-time code returned to the callback after consent, exchanged for a token',
      'shows the user is signed in, so the site lets them in',
      'code-gives-access',
    ],
    [
      'question',
      'oauth-benefit',
      'with basic auth people type their password into our form; with OAuth our app never sees it',
      'people type their password into our site and our server forwards it to google',
      'app-gets-password',
    ],
    [
      'term',
      'client-secret',
      'known only to our back end and the provider, never in the React code',
      'It’s okay to put the client secret in the React code.',
      'client-secret-can-be-public',
    ],
    [
      'term',
      'client-secret',
      'the app’s own credential at the token endpoint, kept on the server',
      'The client secret can go in the React code, it is minified anyway.',
      'client-secret-can-be-public',
    ],
    [
      'question',
      'oauth-benefit',
      'we never send the user’s password anywhere: Google checks it',
      'We send the user’s password to Google so Google checks it.',
      'app-gets-password',
    ],
    [
      'question',
      'authorization-code',
      'exchange it for an access token, then use the token to call the API',
      'exchange it for an access token, then use the code to call the API',
      'code-calls-api',
    ],
    [
      'question',
      'access-token',
      'send it to the API for the user’s data; who the user is comes from the ID token',
      'You can log the user in with it, it proves who they are.',
      'access-token-as-identity',
    ],
    [
      'term',
      'access-token',
      'a credential the app sends to the API; the ID token, not this, signs the user in',
      'a token that logs the user in to the app',
      'access-token-as-identity',
    ],
    ['question', 'oauth-benefit', 'the app never sees the user’s password', 'more secure', ''],
    [
      'question',
      'oauth-benefit',
      'people don’t have to create yet another account for our site',
      'it is easier',
      '',
    ],
    [
      'term',
      'api-endpoint',
      'a URL of the API that the app calls with the token',
      'the endpoint of the API',
      '',
    ],
    [
      'question',
      'oauth-benefit',
      'the user grants limited, revocable access',
      'less code to write',
      '',
    ],
  ])(
    '%s %s: right answer accepted, its wrong phrasing not (%s)',
    (kind, id, good, bad, misconception) => {
      const item = kind === 'question' ? q(id) : t(id);
      expect(evaluate(item, good).verdict).toBe('correct');
      const r = evaluate(item, bad);
      expect(r.verdict).not.toBe('correct');
      if (misconception === '') expect(r.verdict).toBe('partial');
      else expect(r.misconceptions.map((m) => m.id)).toEqual([misconception]);
    },
  );

  it.each([
    // Each one names a misconception's words in a right answer: a contrast, a negation, a condition.
    [
      'question',
      'authorization-code',
      'Trade it for an access token, which the back end then uses to call the resource server directly.',
    ],
    [
      'question',
      'authorization-code',
      'If you try to call the API directly with the code you just get a 401, so you swap it for an access token.',
    ],
    [
      'question',
      'authorization-code',
      'Swap it for a token. Calling the API directly with the code does not work.',
    ],
    [
      'term',
      'authorization-code',
      'A temporary code returned to the redirect URI that proves the user signed in and approved the app',
    ],
    [
      'term',
      'client-secret',
      'Unlike the client ID (which is fine to ship in the JS bundle), the secret must stay on the server.',
    ],
    [
      'term',
      'client-secret',
      'like the client id but private: if you put it in the JS bundle anyone can read it',
    ],
    [
      'term',
      'client-secret',
      'Public ID’s partner: a private value only the backend and the provider know.',
    ],
    ['term', 'client-secret', 'used together with the client id to authenticate the app'],
    [
      'question',
      'oauth-benefit',
      'With our own basic auth, customers type their password into our form; with OAuth they type it only at Google.',
    ],
    ['question', 'access-token', 'Add it to the Authorization header when calling the API'],
    [
      'question',
      'authorization-code',
      'Exchange the code for an access token and use it to call the API.',
    ],
    [
      'term',
      'client-secret',
      'The client ID can go in the React code; the secret must stay on the server.',
    ],
    [
      'term',
      'client-secret',
      'Putting it in the React code would leak it, so it lives on our server.',
    ],
    [
      'question',
      'oauth-benefit',
      'With basic auth we send the user’s password to our own server on every request; with OAuth the app never sees it.',
    ],
    [
      'term',
      'access-token',
      'The ID token tells you who the user is; the access token tells the API what you may do.',
    ],
    [
      'question',
      'access-token',
      'ID token = logs the user in. Access token = lets the app act for them within the scopes.',
    ],
  ])('%s %s: "%s" is not a misconception', (kind, id, answer) => {
    const r = evaluate(kind === 'question' ? q(id) : t(id), answer);
    expect(r.misconceptions).toEqual([]);
    expect(r.verdict).not.toBe('missing');
  });

  it('every feedback on the authentication endpoint names the RFC’s term for it', () => {
    for (const answer of [
      undefined,
      '',
      'the provider page where the user signs in and approves the app',
      'where the user logs in',
      'a laptop on a network',
      'a banana',
    ]) {
      expect(evaluate(t('authentication-endpoint'), answer).feedback).toMatch(
        /RFC 6749 §3\.1 calls this the authorization endpoint/,
      );
    }
  });
});

describe("the rubric's own check (lessons lint)", () => {
  it('passes on the shipped rubric', () => {
    expect(checkRubric(kit.rubric, 'rubric.yaml')).toEqual([]);
  });

  it('fails when a model answer is not graded correct, or an example is not caught', () => {
    const broken = structuredClone(kit.rubric);
    const term = broken.terms.find((x) => x.id === 'client-id')!;
    term.model = 'a banana';
    term.misconceptions[0]!.examples = ['the public identifier of the app'];
    const problems = checkRubric(broken, 'rubric.yaml').map((p) => `${p.field}: ${p.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/client-id\)\.model: the model answer is graded incorrect/),
      expect.stringMatching(/examples\[0\]: "the public identifier of the app" is graded correct/),
    ]);
  });

  it('rejects patterns that can backtrack badly', () => {
    expect(patternProblem('(a+)+b', false)).toMatch(/quantifier inside another/);
    expect(patternProblem('\\b(\\w+\\s?)*x', true)).toMatch(/quantifier inside another/);
    expect(patternProblem('token.*endpoint', true)).toMatch(/unbounded run/);
    expect(patternProblem('token\\s+endpoint', true)).toMatch(/unbounded run/);
    expect(patternProblem('token.*endpoint', false)).toBeUndefined(); // labels are short
    expect(patternProblem('\\b(exchang\\w*)\\b.{0,40}\\btokens?\\b', true)).toBeUndefined();
  });
});

describe('linear time on adversarial input (issue 12, item 13)', () => {
  // Before the fix, a heading followed by 200 KB of spaces took 134 s; the vitest
  // timeout below is a hang guard, not a timing assertion (timings are in `npm run bench`).
  it.each(adversarialSheets)(
    'grades %s',
    (_name, text) => {
      const decoded = decodeSheet(new TextEncoder().encode(text));
      expect(decoded.ok).toBe(true);
      if (decoded.ok) expect(Object.keys(grade(decoded.text).vocabulary)).toHaveLength(7);
    },
    20_000,
  );
});
