import type { SecretCandidate } from '../../code/codeExtraction';
import { credentialPart, isSecretName, maskSecret, mayBeGenericSecret, providerFormatOf, shannonEntropy } from '../../code/secrets';
import { defineMessages, getLocale } from '../../l10n/messages';
import type { CodeRule } from './codeRule';

const messages = defineMessages({
  provider: {
    en: '{kind} in the code ({masked}): anyone who can read the repository can use it; revoke it and load the new one from the environment or a secrets manager',
    de: '{kind} im Code ({masked}): Jeder mit Lesezugriff auf das Repository kann diesen Wert verwenden; widerrufen Sie ihn und laden Sie den neuen aus der Umgebung oder einem Secrets-Manager',
  },
  generic: {
    en: '"{name}" is set to a literal that looks like a credential ({masked}); load it from the environment or a secrets manager instead',
    de: '"{name}" wird auf ein Literal gesetzt, das wie ein Zugangsdatum aussieht ({masked}); laden Sie es stattdessen aus der Umgebung oder einem Secrets-Manager',
  },
});

/** Values that look like documentation examples even in a provider's format (`AKIAIOSFODNN7EXAMPLE`). */
const EXAMPLE_MARKERS = /example|sample|dummy|fake|test|xxxx|\$\{|\{\{|<[^>]+>/i;

/** How the quick fix reads a secret from the environment, per language. */
function environmentRead(language: string, name: string): { newText: string; requiresImport?: string } | undefined {
  switch (language) {
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return { newText: `process.env.${name}` };
    case 'python':
      return { newText: `os.environ["${name}"]`, requiresImport: 'os' };
    default:
      return undefined;
  }
}

export const codeHardcodedSecret: CodeRule = {
  meta: {
    id: 'code-hardcoded-secret',
    category: 'code',
    severity: 'error',
    title: 'A credential (API key, token, password, private key) is written as a literal in code.',
    titleDe: 'Ein Zugangsdatum (API-Schlüssel, Token, Passwort, privater Schlüssel) steht als Literal im Code.',
    description: [
      '## Why it matters',
      '',
      'A secret in source code is shared with everyone who can read the repository, its forks, its',
      'backups and every build log, and it stays in the history after it is deleted. Leaked API keys are',
      'among the most common causes of API breaches.',
      '',
      '## What it flags',
      '',
      'Only **string literals** from the syntax tree, never comments, and never values read from the',
      'environment or a secrets manager:',
      '',
      '1. Provider formats, whatever they are assigned to: AWS access key ids (`AKIA…`, `ASIA…`), AWS secret',
      '   access keys under an AWS key name, Stripe `sk_live_` / `rk_live_`, GitHub `ghp_` / `github_pat_` /',
      '   `gho_`, Slack `xox…-`, Google `AIza…`, SendGrid `SG.…`, OpenAI `sk-proj-`, Anthropic `sk-ant-`, JSON',
      '   Web Tokens and PEM private key blocks.',
      '2. Any other literal of at least 10 characters assigned to, or passed as, a key, variable, header or',
      '   parameter whose name says it holds a credential (api key, auth, token, secret, password, passwd,',
      '   pwd, credential, private key, client secret, bearer), when its Shannon entropy is at least',
      '   `apiGuard.code.secretEntropyThreshold` bits per character (default 3.5). A leading `Bearer ` /',
      '   `Basic ` is ignored.',
      '',
      'Never reported: placeholders (`${…}`, `{{…}}`, `<…>`, `%VAR%`, `xxx…`, `changeme`,',
      '`your-api-key`), values containing example / sample / dummy / fake / test as a word, UUIDs, plain',
      'words, URLs and file paths (`/…`, `./…`, `../…`), which are addresses, and',
      'files under `node_modules` or vendor folders, lock files, minified bundles and test',
      'files (unless `apiGuard.code.includeTests` is on). The message shows only the first four characters.',
      '',
      '## How to fix it',
      '',
      'Revoke the credential (it has been exposed), issue a new one, and read it at run time from the',
      'environment or a secrets manager. In JavaScript and TypeScript the quick fix replaces the literal with',
      '`process.env.NAME`, in Python with `os.environ["NAME"]`.',
    ].join('\n'),
    versions: [],
    step: '3.2',
    owasp: ['API2:2023', 'API8:2023'],
    fix: 'JavaScript / TypeScript: replaces the literal with `process.env.NAME`; Python: with `os.environ["NAME"]` (NAME derived from the variable or key).',
    examples: {
      bad: "const stripe = new Stripe('sk_live_51H8kKQd2eZvKYlo2C0aBcDeFgHiJkLmN');",
      good: 'const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);',
    },
  },
  check({ extraction, settings, report }) {
    for (const candidate of extraction.secretCandidates) {
      const finding = judge(candidate, settings.code.secretEntropyThreshold);
      if (finding === undefined) continue;
      const data: Record<string, unknown> = { kind: finding.kind };
      const read = candidate.environmentName === undefined ? undefined : environmentRead(extraction.language, candidate.environmentName);
      if (read !== undefined) {
        data.environmentName = candidate.environmentName;
        data.replacement = { range: candidate.literal.range, newText: read.newText };
        if (read.requiresImport !== undefined) data.requiresImport = read.requiresImport;
      }
      report({ at: candidate.span, message: finding.message, data, discriminator: candidate.name ?? finding.kind });
    }
  },
};

function judge(candidate: SecretCandidate, threshold: number): { kind: string; message: string } | undefined {
  const provider = providerFormatOf(candidate.value, candidate.name);
  if (provider !== undefined) {
    if (EXAMPLE_MARKERS.test(candidate.value)) return undefined;
    return { kind: provider.id, message: messages.provider({ kind: getLocale() === 'de' ? provider.labelDe : provider.label, masked: maskSecret(candidate.value) }) };
  }
  if (candidate.name === undefined || !isSecretName(candidate.name)) return undefined;
  if (!mayBeGenericSecret(candidate.value)) return undefined;
  const value = credentialPart(candidate.value);
  if (shannonEntropy(value) < threshold) return undefined;
  return { kind: 'generic', message: messages.generic({ name: candidate.name, masked: maskSecret(value) }) };
}
