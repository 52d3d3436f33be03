import type { RuleSeverity } from '../rules/types';

/** Every setting a team can share; `.api-guard.yaml` and `apiGuard.*` editor settings have the same keys. */
export interface ApiGuardSettings {
  /** Per-rule severity overrides; rules not listed keep their default. */
  rules: Record<string, RuleSeverity>;
  allowedInsecureHosts: string[];
  allowedRemoteRefHosts: string[];
  include: string[];
  exclude: string[];
  maxFileSizeMB: number;
  diagnostics: { scope: 'workspace' | 'open' };
  code: {
    enabled: boolean;
    includeTests: boolean;
    secretEntropyThreshold: number;
    codeLens: boolean;
  };
}

export const DEFAULT_INCLUDE = ['**/*.yaml', '**/*.yml', '**/*.json'];
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**', '**/vendor/**', '**/dist/**', '**/build/**', '**/out/**', '**/target/**', '**/.venv/**', '**/__pycache__/**'];

export function defaultSettings(): ApiGuardSettings {
  return {
    rules: {},
    allowedInsecureHosts: ['localhost', '127.0.0.1', '::1', '*.localhost'],
    allowedRemoteRefHosts: [],
    include: [...DEFAULT_INCLUDE],
    exclude: [...DEFAULT_EXCLUDE],
    maxFileSizeMB: 25,
    diagnostics: { scope: 'workspace' },
    code: { enabled: true, includeTests: false, secretEntropyThreshold: 3.5, codeLens: true },
  };
}
