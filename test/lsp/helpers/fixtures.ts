/**
 * Small OpenAPI documents for the protocol tests. Line numbers matter: tests assert exact ranges,
 * so each fixture says where its known finding is.
 */

/** An API with one operation and no security scheme: `auth-no-security-scheme` on the `openapi` key (0:0–0:7). */
export const UNPROTECTED_API = `openapi: 3.1.0
info:
  title: Shop
  version: "1"
servers:
  - url: https://api.example.com
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        "200":
          description: OK
`;

/** The same API with a bearer scheme required at the root: no `auth-no-security-scheme`. */
export const PROTECTED_API = `openapi: 3.1.0
info:
  title: Shop
  version: "1"
servers:
  - url: https://api.example.com
security:
  - bearerAuth: []
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
      bearerFormat: JWT
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        "200":
          description: OK
`;

/** A root whose only path item lives in a fragment, so that findings on the operation are in the fragment. */
export const ROOT_WITH_FRAGMENT = `openapi: 3.0.3
info:
  title: Stock
  version: "1"
servers:
  - url: https://stock.example.com/v1
security:
  - bearerAuth: []
components:
  securitySchemes:
    bearerAuth:
      type: http
      scheme: bearer
paths:
  /items:
    $ref: "./paths/items.yaml"
`;

/** The fragment: an authenticated operation without a 401 response, `auth-missing-401` on `get` (0:0–0:3). */
export const ITEMS_FRAGMENT = `get:
  operationId: listItems
  responses:
    "200":
      description: OK
`;

/** The fragment after the fix: the 401 response is documented. */
export const ITEMS_FRAGMENT_FIXED = `get:
  operationId: listItems
  responses:
    "200":
      description: OK
    "401":
      description: Unauthorized
`;

/** Two operations share an operationId: `doc-operation-id-unique` on line 7 (chars 19–29), related to the other use on line 13. */
export const DUPLICATE_OPERATION_ID_API = `openapi: 3.1.0
info:
  title: Shop
  version: "1"
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        "200":
          description: OK
  /archive/orders:
    get:
      operationId: listOrders
      responses:
        "200":
          description: OK
`;
