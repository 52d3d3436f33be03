/**
 * Labels the views share, built from the identifiers of the inventory and checklist JSON. The
 * server sends identifiers (`encrypted`, `partial`, `header` …) rather than text wherever it can,
 * so the extension words them in the editor's language here. Free of `vscode` (see localizer.ts).
 */
import type {
  CredentialLocation,
  DocumentationGap,
  InventoryCallSite,
  InventoryOperationDocumentation,
  InventoryOperationSecurity,
  SeverityCounts,
  TransportState,
} from '../../../server/src/core/inventory/types';
import type { Severity } from '../../../server/src/core/rules/types';
import type { Localizer } from './localizer';

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0, hint: 0 };
}

export function addCounts(target: SeverityCounts, more: SeverityCounts): SeverityCounts {
  target.error += more.error;
  target.warning += more.warning;
  target.info += more.info;
  target.hint += more.hint;
  return target;
}

/**
 * Findings that make an item "have problems": errors, warnings and information. Hints do not
 * count, because a hint is what a finding becomes when the team allowed it on purpose
 * (`allowedInsecureHosts`, a rule lowered to `hint`), the same line the checklist draws.
 */
export function problemCount(counts: SeverityCounts): number {
  return counts.error + counts.warning + counts.info;
}

/** `2 errors, 1 warning` — only the severities that occur; empty text when there are none. */
export function countsText(counts: SeverityCounts, l10n: Localizer): string {
  const parts: string[] = [];
  if (counts.error === 1) parts.push(l10n.t('1 error'));
  else if (counts.error > 1) parts.push(l10n.t('{0} errors', counts.error));
  if (counts.warning === 1) parts.push(l10n.t('1 warning'));
  else if (counts.warning > 1) parts.push(l10n.t('{0} warnings', counts.warning));
  if (counts.info === 1) parts.push(l10n.t('1 information'));
  else if (counts.info > 1) parts.push(l10n.t('{0} information', counts.info));
  if (counts.hint === 1) parts.push(l10n.t('1 hint'));
  else if (counts.hint > 1) parts.push(l10n.t('{0} hints', counts.hint));
  return parts.join(', ');
}

export function severityText(severity: Severity, l10n: Localizer): string {
  switch (severity) {
    case 'error':
      return l10n.t('error');
    case 'warning':
      return l10n.t('warning');
    case 'info':
      return l10n.t('information');
    case 'hint':
      return l10n.t('hint');
  }
}

export function transportText(transport: TransportState, l10n: Localizer): string {
  switch (transport) {
    case 'encrypted':
      return l10n.t('encrypted');
    case 'unencrypted':
      return l10n.t('unencrypted');
    case 'local':
      return l10n.t('local');
    case 'unknown':
      return l10n.t('transport unknown');
  }
}

/** The effective security in a few words: `bearerAuth`, `apiKey + session or none`, `no authentication`. */
export function securityText(security: InventoryOperationSecurity, l10n: Localizer): string {
  const alternatives = security.alternatives.filter((alternative) => alternative.length > 0).map((alternative) => alternative.join(' + '));
  switch (security.state) {
    case 'required':
      return alternatives.join(l10n.t(' or '));
    case 'optional':
      return l10n.t('{0} or no authentication', alternatives.join(l10n.t(' or ')));
    case 'none':
      return security.intentionallyPublic ? l10n.t('no authentication (public on purpose)') : l10n.t('no authentication');
  }
}

export function documentationStateText(documentation: InventoryOperationDocumentation, l10n: Localizer): string {
  switch (documentation.state) {
    case 'documented':
      return l10n.t('documented');
    case 'partial':
      return l10n.t('partly documented');
    case 'undocumented':
      return l10n.t('undocumented');
  }
}

export function gapText(gap: DocumentationGap, l10n: Localizer): string {
  switch (gap) {
    case 'description':
      return l10n.t('summary or description');
    case 'operationId':
      return l10n.t('operationId');
    case 'responses':
      return l10n.t('responses');
    case 'successResponse':
      return l10n.t('success response');
    case 'errorResponse':
      return l10n.t('4xx response');
    case 'responseDescription':
      return l10n.t('response description');
    case 'parameterDescription':
      return l10n.t('parameter description');
  }
}

export function credentialLocationText(location: CredentialLocation, l10n: Localizer): string {
  switch (location) {
    case 'header':
      return l10n.t('in a header');
    case 'query':
      return l10n.t('in the query string');
    case 'cookie':
      return l10n.t('in a cookie');
    case 'path':
      return l10n.t('in the URL path');
    case 'body':
      return l10n.t('in the request body');
    case 'tls':
      return l10n.t('as a TLS client certificate');
    case 'redirect':
      return l10n.t('in the redirect URL');
  }
}

export function matchKindText(site: Pick<InventoryCallSite, 'match'>, l10n: Localizer): string {
  switch (site.match.kind) {
    case 'matched':
      return site.match.operation === undefined ? l10n.t('URL unknown') : `${site.match.operation.method.toUpperCase()} ${site.match.operation.path}`;
    case 'path-not-documented':
      return l10n.t('path not documented');
    case 'method-not-documented':
      return l10n.t('method not documented');
    case 'external':
      return l10n.t('API without a workspace specification');
    case 'unresolved':
      return l10n.t('URL unknown');
  }
}

/** `3 calls` / `1 call`. */
export function callCountText(count: number, l10n: Localizer): string {
  return count === 1 ? l10n.t('1 call') : l10n.t('{0} calls', count);
}

/** Text that Markdown shows literally (tooltips render Markdown). */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/([\\`*_{}[\]()#+\-.!<>|~])/g, '\\$1');
}

/** Inline code in Markdown that survives backticks in the text. */
export function markdownCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n|\r/g, ' ')}${pad}${fence}`;
}
