import { defineMessages } from '../../l10n/messages';
import { hostOfUrl, insecureSchemeOf, isAllowlistedHost, secureSchemeFor } from '../tls/support/insecureUrl';
import { operationRelated, type CodeRule } from './codeRule';

const messages = defineMessages({
  call: {
    en: 'The request to "{url}" uses {scheme}://, so data and credentials travel unencrypted; use {secure}://',
    de: 'Die Anfrage an "{url}" verwendet {scheme}://, daher werden Daten und Zugangsdaten unverschlüsselt übertragen; verwenden Sie {secure}://',
  },
  baseUrl: {
    en: 'The client base URL "{url}" uses {scheme}://, so every request of this client travels unencrypted; use {secure}://',
    de: 'Die Basis-URL "{url}" des Clients verwendet {scheme}://, daher wird jede Anfrage dieses Clients unverschlüsselt übertragen; verwenden Sie {secure}://',
  },
  allowlisted: {
    en: ' (allowed for this host by apiGuard.allowedInsecureHosts)',
    de: ' (für diesen Host durch apiGuard.allowedInsecureHosts erlaubt)',
  },
  related: {
    en: 'The operation this request calls',
    de: 'Die Operation, die diese Anfrage aufruft',
  },
});

export const codeHttpUrl: CodeRule = {
  meta: {
    id: 'code-http-url',
    category: 'code',
    severity: 'error',
    title: 'Code sends a request (or configures a client base URL) over http:// or ws://.',
    titleDe: 'Code sendet eine Anfrage (oder konfiguriert eine Client-Basis-URL) über http:// oder ws://.',
    description: [
      '## Why it matters',
      '',
      'A request over plain `http://` or `ws://` carries its headers, tokens, cookies and body in clear',
      'text: anyone on the network path can read and change them. A documented API served over TLS does',
      'not help when the code that calls it drops the `s`.',
      '',
      '## What it flags',
      '',
      'Every outbound call that API Guard recognises (fetch, axios, requests, HttpClient, Guzzle, … — see',
      'the list of libraries in the documentation) whose URL starts with `http://` or `ws://`, and every',
      'client whose base URL does (axios `baseURL`, httpx `base_url`, C# `BaseAddress`, Guzzle `base_uri`,',
      'Spring `baseUrl`, …). URLs assembled from constants of the same file are followed to the literal',
      'that writes the scheme, and the finding is placed there, once, however many calls use it.',
      '',
      'Hosts listed in `apiGuard.allowedInsecureHosts` (default: `localhost`, `127.0.0.1`, `::1`,',
      '`*.localhost`) are reported as hints: a local development server does not need TLS.',
      '',
      '## How to fix it',
      '',
      'Use `https://` (`wss://` for WebSockets). The quick fix replaces the scheme in the literal.',
    ].join('\n'),
    versions: [],
    step: '3.1',
    owasp: ['API8:2023'],
    fix: 'Replaces `http` by `https` (`ws` by `wss`) in the string literal.',
    examples: {
      bad: "const response = await fetch('http://api.shop.example/orders');",
      good: "const response = await fetch('https://api.shop.example/orders');",
    },
  },
  check({ extraction, matches, settings, report }) {
    const reported = new Set<number>();
    for (const use of extraction.urls) {
      if (use.kind === 'literal') continue;
      const scheme = insecureSchemeOf(use.template);
      if (scheme === undefined) continue;
      // A constant used by several calls is one problem, reported where the scheme is written.
      const key = use.verbatimStart ?? use.span.start;
      if (reported.has(key)) continue;
      reported.add(key);
      const allowlisted = isAllowlistedHost(hostOfUrl(use.template), settings.allowedInsecureHosts);
      const secure = secureSchemeFor(scheme);
      const text = use.kind === 'base-url' ? messages.baseUrl({ url: use.template, scheme, secure }) : messages.call({ url: use.template, scheme, secure });
      const data: Record<string, unknown> = { url: use.template, scheme, secure };
      if (use.schemeFix !== undefined) data.replacement = { range: use.schemeFix.range, newText: use.schemeFix.newText };
      const match = use.callIndex === undefined ? undefined : matches[use.callIndex];
      report({
        at: use.span,
        message: text + (allowlisted ? messages.allowlisted() : ''),
        allowlisted,
        data,
        related: match === undefined ? undefined : operationRelated(match, messages.related()),
        discriminator: use.template,
      });
    }
  },
};
