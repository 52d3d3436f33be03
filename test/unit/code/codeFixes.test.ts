import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeFixes, codeIgnoreFixes } from '../../../server/src/core/code/codeFixes';
import { applyEdits } from '../../../server/src/core/fixes/textEdit';
import type { FixProposal } from '../../../server/src/core/rules/types';
import { analyse } from './codeHarness';

/**
 * Analyses `before`, takes the one finding of `ruleId`, applies its only rule fix and checks the
 * text against `after`; the re-analysed file no longer has the finding.
 */
async function fixes(path: string, before: string, ruleId: string): Promise<{ proposals: FixProposal[]; apply(proposal: FixProposal): string }> {
  const analysis = await analyse(path, before);
  const found = analysis.findings.filter((finding) => finding.ruleId === ruleId);
  assert.equal(found.length, 1, `one ${ruleId} finding in ${path}: ${JSON.stringify(analysis.findings.map((finding) => finding.ruleId))}`);
  const proposals = codeFixes(analysis.extraction!, found[0]);
  return { proposals, apply: (proposal) => applyEdits(before, proposal.edits) };
}

async function fixedText(path: string, before: string, ruleId: string, title: string | RegExp): Promise<string> {
  const { proposals, apply } = await fixes(path, before, ruleId);
  assert.equal(proposals.length, 1, `one fix for ${ruleId}`);
  if (typeof title === 'string') assert.equal(proposals[0].title, title);
  else assert.match(proposals[0].title, title);
  const after = apply(proposals[0]);
  const reanalysed = await analyse(path, after);
  assert.deepEqual(
    reanalysed.findings.filter((finding) => finding.ruleId === ruleId),
    [],
    `the fix removes the ${ruleId} finding:\n${after}`,
  );
  return after;
}

describe('code quick fixes', () => {
  it('code-http-url: http → https (ws → wss) in the literal, preferred and safe except for allowlisted hosts', async () => {
    const before = "export const track = (code: string) => fetch(`http://tracking.partner.example/track?code=${code}`);\n";
    const after = await fixedText('src/track.ts', before, 'code-http-url', 'Use https:// instead of http://');
    assert.equal(after, "export const track = (code: string) => fetch(`https://tracking.partner.example/track?code=${code}`);\n");

    const socket = "const socket = new WebSocket('ws://feed.partner.example/live');\n";
    assert.equal(await fixedText('web/feed.js', socket, 'code-http-url', 'Use wss:// instead of ws://'), "const socket = new WebSocket('wss://feed.partner.example/live');\n");

    const local = await fixes('src/dev.ts', "fetch('http://localhost:8080/health');\n", 'code-http-url');
    assert.equal(local.proposals.length, 1, 'still offered for an allowlisted host');
    assert.equal(local.proposals[0].isPreferred, false);
    assert.equal(local.proposals[0].safe, false);
  });

  it('code-tls-disabled: the literal setting is inverted, or a chained call that disables checks is removed', async () => {
    assert.equal(
      await fixedText('src/agent.ts', "import https from 'node:https';\nexport const agent = new https.Agent({ rejectUnauthorized: false });\n", 'code-tls-disabled', 'Turn certificate verification back on'),
      "import https from 'node:https';\nexport const agent = new https.Agent({ rejectUnauthorized: true });\n",
    );
    assert.equal(
      await fixedText('sync.py', 'import requests\nrequests.get("https://warehouse.example/stock", verify=False)\n', 'code-tls-disabled', 'Turn certificate verification back on'),
      'import requests\nrequests.get("https://warehouse.example/stock", verify=True)\n',
    );
    assert.equal(
      await fixedText('client.go', 'package client\n\nimport "crypto/tls"\n\nvar config = &tls.Config{InsecureSkipVerify: true}\n', 'code-tls-disabled', 'Turn certificate verification back on'),
      'package client\n\nimport "crypto/tls"\n\nvar config = &tls.Config{InsecureSkipVerify: false}\n',
    );
    assert.equal(
      await fixedText('feed.php', "<?php\n$ch = curl_init('https://feed.example/items');\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);\n", 'code-tls-disabled', 'Turn certificate verification back on'),
      "<?php\n$ch = curl_init('https://feed.example/items');\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);\n",
    );
    assert.equal(
      await fixedText('src/feed.js', "const superagent = require('superagent');\nsuperagent.get('https://feed.example/items').disableTLSCerts();\n", 'code-tls-disabled', 'Remove the setting that turns certificate verification off'),
      "const superagent = require('superagent');\nsuperagent.get('https://feed.example/items');\n",
    );
  });

  it('code-hardcoded-secret: JS/TS read process.env.NAME', async () => {
    const before = "const stripeSecretKey = 'sk_live_51H8kKQd2eZvKYlo2C0aBcDeF';\nexport const stripe = new Stripe(stripeSecretKey);\n";
    const { proposals } = await fixes('src/pay.ts', before, 'code-hardcoded-secret');
    assert.equal(proposals[0].title, 'Read the secret from the environment variable STRIPE_SECRET_KEY');
    assert.equal(proposals[0].safe, false, 'the variable must exist before the code runs');
    assert.equal(
      await fixedText('src/pay.ts', before, 'code-hardcoded-secret', /STRIPE_SECRET_KEY/),
      'const stripeSecretKey = process.env.STRIPE_SECRET_KEY;\nexport const stripe = new Stripe(stripeSecretKey);\n',
    );
  });

  it('code-hardcoded-secret: Python reads os.environ["NAME"] and gets `import os` where the imports are', async () => {
    const sorted = '"""Payments."""\n\nimport json\nimport requests\n\nAPI_TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"\n';
    assert.equal(
      await fixedText('pay.py', sorted, 'code-hardcoded-secret', /API_TOKEN/),
      '"""Payments."""\n\nimport json\nimport os\nimport requests\n\nAPI_TOKEN = os.environ["API_TOKEN"]\n',
    );
    const withOs = 'import os\nimport requests\n\nAPI_TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"\n';
    assert.equal(await fixedText('pay.py', withOs, 'code-hardcoded-secret', /API_TOKEN/), 'import os\nimport requests\n\nAPI_TOKEN = os.environ["API_TOKEN"]\n', 'an existing import is enough');
    const afterAll = 'import json\nfrom pathlib import Path\n\nAPI_TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"\n';
    assert.equal(
      await fixedText('pay.py', afterAll, 'code-hardcoded-secret', /API_TOKEN/),
      'import json\nimport os\nfrom pathlib import Path\n\nAPI_TOKEN = os.environ["API_TOKEN"]\n',
    );
    const noImports = '#!/usr/bin/env python3\n"""Payments.\n\nTalks to the payment provider.\n"""\nAPI_TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"\n';
    assert.equal(
      await fixedText('pay.py', noImports, 'code-hardcoded-secret', /API_TOKEN/),
      '#!/usr/bin/env python3\n"""Payments.\n\nTalks to the payment provider.\n"""\n\nimport os\nAPI_TOKEN = os.environ["API_TOKEN"]\n',
    );
  });

  it('code-hardcoded-secret: no fix in languages without a standard environment read in the rule', async () => {
    const { proposals } = await fixes('Pay.java', 'class Pay {\n  static final String API_TOKEN = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";\n}\n', 'code-hardcoded-secret');
    assert.deepEqual(proposals, []);
  });

  it('"Ignore <rule> here" and "in this file" write comments in the language\'s syntax that suppress the finding', async () => {
    const before = "export function track() {\n  return fetch('http://tracking.partner.example/track');\n}\n";
    const analysis = await analyse('src/track.ts', before);
    const [here, file] = codeIgnoreFixes(analysis.extraction!, analysis.findings[0]);
    assert.equal(here.title, 'Ignore code-http-url here');
    const ignoredHere = applyEdits(before, here.edits);
    assert.equal(ignoredHere, "export function track() {\n  // api-guard-ignore code-http-url -- \n  return fetch('http://tracking.partner.example/track');\n}\n");
    const reanalysed = await analyse('src/track.ts', ignoredHere);
    assert.deepEqual(reanalysed.suppressed.map((finding) => finding.ruleId), ['code-http-url']);
    assert.deepEqual(reanalysed.findings.map((finding) => finding.ruleId), ['ignore-reason-missing'], 'until a reason is written after " -- "');
    assert.equal(applyEdits(before, file.edits), `// api-guard-ignore-file code-http-url -- \n${before}`);

    const python = '#!/usr/bin/env python3\nimport requests\nrequests.get("https://warehouse.example/stock", verify=False)\n';
    const pythonAnalysis = await analyse('sync.py', python);
    const [pythonHere, pythonFile] = codeIgnoreFixes(pythonAnalysis.extraction!, pythonAnalysis.findings[0]);
    assert.equal(applyEdits(python, pythonHere.edits), '#!/usr/bin/env python3\nimport requests\n# api-guard-ignore code-tls-disabled -- \nrequests.get("https://warehouse.example/stock", verify=False)\n');
    assert.equal(applyEdits(python, pythonFile.edits), '#!/usr/bin/env python3\n# api-guard-ignore-file code-tls-disabled -- \nimport requests\nrequests.get("https://warehouse.example/stock", verify=False)\n', 'below the shebang');
    assert.deepEqual((await analyse('sync.py', applyEdits(python, pythonFile.edits))).suppressed.map((finding) => finding.ruleId), ['code-tls-disabled']);
  });
});
