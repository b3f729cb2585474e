"""Backend of the private REST API: answers GET / through the Lambda proxy integration."""


def handler(event, context):
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "text/plain"},
        "body": "Hello from Lambda",
    }
