import type { Finding } from '../engine/finding';
import { getLocale, type MessageTemplate } from '../l10n/messages';
import type { ChecklistStepId, Severity } from '../rules/types';

/**
 * Which findings are evidence against a step: a finding counts when it matches any matcher. A
 * matcher names rule ids exactly or by prefix (`doc-`), and may restrict severities.
 */
export interface EvidenceMatcher {
  ruleIds?: readonly string[];
  prefixes?: readonly string[];
  /** Any rule at all (step 1.1); combined with `severities`. */
  anyRule?: boolean;
  /** Default: error, warning and information. */
  severities?: readonly Severity[];
}

/**
 * Hints never keep a step open: a hint is what a finding becomes when the team allowed it
 * (`allowedInsecureHosts`) or lowered the rule on purpose.
 */
const DEFAULT_EVIDENCE_SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** How a step's status is worked out beyond its findings. */
export type StepKind =
  /** Done when no finding matches (1.1, 2.1, 2.2, 3.1, 3.2). */
  | 'findings'
  /** Done when a fresh inventory export exists, or when confirmed (1.2). */
  | 'inventory-export'
  /** Done when an audit is recorded and CI runs the CLI (4.1). */
  | 'audit'
  /** Findings must be clear and a person must confirm the rest (4.2). */
  | 'findings-and-manual';

export interface ChecklistStep {
  id: ChecklistStepId;
  week: 1 | 2 | 3 | 4;
  title: MessageTemplate;
  kind: StepKind;
  evidence: readonly EvidenceMatcher[];
}

export const WEEK_TITLES: Record<ChecklistStep['week'], MessageTemplate> = {
  1: { en: 'Analysis and planning', de: 'Analyse und Planung' },
  2: { en: 'Documentation and access rights', de: 'Dokumentation und Zugriffsrechte' },
  3: { en: 'Security measures', de: 'Sicherheitsmassnahmen' },
  4: { en: 'Testing and monitoring', de: 'Tests und Überwachung' },
};

/** The eight steps of the four-week plan (CHECKLIST.md), in order. */
export const CHECKLIST_STEPS: readonly ChecklistStep[] = [
  {
    id: '1.1',
    week: 1,
    title: {
      en: 'Review existing API integrations for security risks',
      de: 'Überprüfen Sie die bestehenden API-Integrationen auf Sicherheitsrisiken',
    },
    kind: 'findings',
    evidence: [{ anyRule: true, severities: ['error'] }],
  },
  {
    id: '1.2',
    week: 1,
    title: {
      en: 'Create a list of all API interfaces in use',
      de: 'Erstellen Sie eine Liste aller aktuell genutzten API-Schnittstellen',
    },
    kind: 'inventory-export',
    evidence: [],
  },
  {
    id: '2.1',
    week: 2,
    title: {
      en: 'Document all APIs, including usage guidelines',
      de: 'Beginnen Sie mit der Dokumentation aller APIs, inkl. Nutzungsrichtlinien',
    },
    kind: 'findings',
    evidence: [{ prefixes: ['doc-'], severities: ['error', 'warning'] }, { ruleIds: ['code-undocumented-operation'] }],
  },
  {
    id: '2.2',
    week: 2,
    title: {
      en: 'Implement an authorisation concept for access rights',
      de: 'Implementieren Sie ein Autorisierungskonzept zur Verwaltung von Zugriffsrechten',
    },
    kind: 'findings',
    evidence: [
      {
        ruleIds: ['auth-operation-unprotected', 'auth-undefined-scheme', 'auth-undefined-scope', 'auth-no-scopes', 'auth-admin-shared-scheme'],
      },
    ],
  },
  {
    id: '3.1',
    week: 3,
    title: {
      en: 'Encrypt all API transactions',
      de: 'Integrieren Sie Verschlüsselungstechniken für alle API-Transaktionen',
    },
    kind: 'findings',
    evidence: [{ prefixes: ['tls-'] }, { ruleIds: ['code-http-url', 'code-tls-disabled'] }],
  },
  {
    id: '3.2',
    week: 3,
    title: {
      en: 'Review and strengthen authentication mechanisms',
      de: 'Prüfen Sie die API-Authentifizierungsmechanismen und verstärken Sie diese bei Bedarf',
    },
    kind: 'findings',
    evidence: [
      {
        ruleIds: [
          'auth-http-basic',
          'auth-insecure-scheme',
          'auth-apikey-in-url',
          'auth-credentials-in-url',
          'auth-oauth-implicit-flow',
          'code-hardcoded-secret',
          'code-credentials-in-url',
        ],
      },
    ],
  },
  {
    id: '4.1',
    week: 4,
    title: {
      en: 'Run regular security audits and penetration tests',
      de: 'Führen Sie regelmässige Sicherheitsaudits und Penetrationstests durch',
    },
    kind: 'audit',
    evidence: [],
  },
  {
    id: '4.2',
    week: 4,
    title: {
      en: 'Monitor continuously and alert on unusual API activity',
      de: 'Implementieren Sie kontinuierliche Überwachungs- und Warnsysteme für ungewöhnliche API-Aktivitäten',
    },
    kind: 'findings-and-manual',
    evidence: [{ ruleIds: ['limit-rate-limit-response', 'limit-retry-after'] }],
  },
];

export const CHECKLIST_STEP_IDS: readonly ChecklistStepId[] = CHECKLIST_STEPS.map((step) => step.id);

export function checklistStep(id: ChecklistStepId): ChecklistStep {
  return CHECKLIST_STEPS.find((step) => step.id === id)!;
}

export function isChecklistStepId(value: string): value is ChecklistStepId {
  return (CHECKLIST_STEP_IDS as readonly string[]).includes(value);
}

/** The template's text in the current locale. */
export function localised(template: MessageTemplate): string {
  return template[getLocale()] ?? template.en;
}

export function matchesEvidence(matcher: EvidenceMatcher, finding: Pick<Finding, 'ruleId' | 'severity'>): boolean {
  if (!(matcher.severities ?? DEFAULT_EVIDENCE_SEVERITIES).includes(finding.severity)) return false;
  if (matcher.anyRule) return true;
  if (matcher.ruleIds?.includes(finding.ruleId)) return true;
  return matcher.prefixes?.some((prefix) => finding.ruleId.startsWith(prefix)) ?? false;
}

/** Whether a finding is evidence against a step. */
export function isStepEvidence(step: ChecklistStep, finding: Pick<Finding, 'ruleId' | 'severity'>): boolean {
  return step.evidence.some((matcher) => matchesEvidence(matcher, finding));
}

/** The steps a finding is evidence against (a finding can count for several, e.g. 1.1 and 3.1). */
export function stepsOfFinding(finding: Pick<Finding, 'ruleId' | 'severity'>): ChecklistStepId[] {
  return CHECKLIST_STEPS.filter((step) => isStepEvidence(step, finding)).map((step) => step.id);
}
