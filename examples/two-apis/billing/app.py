"""Backend of the billing API: its routes come from billing.yaml; operations without an integration land here."""
import json


def handler(event, _context):
    path = event.get("path", "/")
    if path == "/invoices":
        return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps({"invoices": []})}
    if path.startswith("/invoices/"):
        invoice_id = (event.get("pathParameters") or {}).get("invoiceId")
        return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps({"id": invoice_id})}
    return {"statusCode": 404, "body": json.dumps({"message": f"no route {path}"})}
