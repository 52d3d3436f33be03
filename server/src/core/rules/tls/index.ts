import type { SpecRule } from '../types';
import { tlsHttpServer } from './tls-http-server';
import { tlsHttpUrl } from './tls-http-url';
import { tlsServerMissing } from './tls-server-missing';

/** Section B of RULES.md, in catalogue order. */
export const TLS_RULES: readonly SpecRule[] = [tlsHttpServer, tlsHttpUrl, tlsServerMissing];
