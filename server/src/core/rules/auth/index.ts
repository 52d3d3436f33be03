import type { SpecRule } from '../types';
import { authApikeyInUrl } from './auth-apikey-in-url';
import { authCredentialsInUrl } from './auth-credentials-in-url';
import { authHttpBasic } from './auth-http-basic';
import { authInsecureScheme } from './auth-insecure-scheme';
import { authNoScopes } from './auth-no-scopes';
import { authNoSecurityScheme } from './auth-no-security-scheme';
import { authOperationUnprotected } from './auth-operation-unprotected';
import { authUndefinedScheme } from './auth-undefined-scheme';
import { authUndefinedScope } from './auth-undefined-scope';

/** Section A of RULES.md, in catalogue order. */
export const AUTH_RULES: readonly SpecRule[] = [
  authNoSecurityScheme,
  authOperationUnprotected,
  authUndefinedScheme,
  authUndefinedScope,
  authNoScopes,
  authHttpBasic,
  authInsecureScheme,
  authApikeyInUrl,
  authCredentialsInUrl,
];
