import type { SpecRule } from '../types';
import { authAdminSharedScheme } from './auth-admin-shared-scheme';
import { authApikeyInUrl } from './auth-apikey-in-url';
import { authCredentialsInUrl } from './auth-credentials-in-url';
import { authHttpBasic } from './auth-http-basic';
import { authInsecureScheme } from './auth-insecure-scheme';
import { authJwtBcp } from './auth-jwt-bcp';
import { authMissing401 } from './auth-missing-401';
import { authMissing403 } from './auth-missing-403';
import { authNoScopes } from './auth-no-scopes';
import { authNoSecurityScheme } from './auth-no-security-scheme';
import { authOauthImplicitFlow } from './auth-oauth-implicit-flow';
import { authOperationUnprotected } from './auth-operation-unprotected';
import { authTokenLifetime } from './auth-token-lifetime';
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
  authOauthImplicitFlow,
  authTokenLifetime,
  authJwtBcp,
  authAdminSharedScheme,
  authMissing401,
  authMissing403,
];
