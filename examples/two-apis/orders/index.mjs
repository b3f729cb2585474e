// A Lambda proxy handler behind `ANY /` and `ANY /{proxy+}`: it routes by itself, as Lambda web frameworks do.
export const handler = async (event) => {
  const path = event.path ?? '/';
  if (path === '/health') return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' };
  if (path === '/orders' && event.httpMethod === 'GET') {
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orders: [] }) };
  }
  return { statusCode: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `no route ${event.httpMethod} ${path}` }) };
};
