// Checkout service: places orders through the orders API (api/orders/openapi.yaml) and charges
// them through the payments API (api/payments/openapi.json). The planted gaps are marked.
import axios from 'axios';

// The client's base URL is the production server of the orders API, so API Guard can map
// every call below to an operation of that spec (or report that the spec lacks it).
const orders = axios.create({
  baseURL: 'https://api.shop.example/v1',
  headers: { Authorization: `Bearer ${process.env.SHOP_API_TOKEN}` },
});

// Planted gap (code-hardcoded-secret): a live payment key written into the source, so it is
// in every clone and every CI log. This value is fake; the format is the real one.
const PAYMENT_SECRET_KEY = 'sk_live_ApiGuardDemoKeyNotReal42';

export interface CartLine {
  sku: string;
  quantity: number;
}

/** GET /orders: documented (listOrders). */
export async function listOrders(): Promise<unknown[]> {
  const response = await orders.get('/orders', { params: { status: 'placed' } });
  return response.data;
}

/** POST /orders: documented (placeOrder). */
export async function placeOrder(lines: CartLine[]): Promise<{ id: string }> {
  const response = await orders.post('/orders', { lines });
  return response.data;
}

/** GET /orders/{orderId}: documented (getOrder). */
export async function getOrder(orderId: string): Promise<unknown> {
  const response = await orders.get(`/orders/${orderId}`);
  return response.data;
}

/**
 * Planted gap (code-undocumented-operation, path not documented): the orders API has no
 * /orders/{orderId}/refund path; the refund endpoint was added to the server but never to
 * the spec, so nobody reviewed its access rules.
 */
export async function requestRefund(orderId: string, reason: string): Promise<void> {
  await orders.post(`/orders/${orderId}/refund`, { reason });
}

/**
 * Planted gap (code-undocumented-operation, method not documented): /orders/{orderId} is
 * documented for GET and DELETE only, not for PATCH.
 */
export async function changeDeliveryAddress(orderId: string, address: string): Promise<void> {
  await orders.patch(`/orders/${orderId}`, { deliveryAddress: address });
}

/** Charges the order through the payments API, authenticating with the hard-coded key above. */
export async function chargeOrder(orderId: string, amount: number): Promise<void> {
  await fetch('https://payments.shop.example/v2/charges', {
    method: 'POST',
    headers: { Authorization: `Bearer ${PAYMENT_SECRET_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ orderId, amount, currency: 'EUR' }),
  });
}

/**
 * Planted gap (code-http-url): the parcel partner's tracking API is called over plain HTTP,
 * so the tracking code and the customer's address in the answer travel unencrypted.
 */
export async function trackParcel(trackingCode: string): Promise<unknown> {
  const response = await fetch(`http://tracking.parcel-partner.example/api/track?code=${trackingCode}`);
  return response.json();
}
