#!/usr/bin/env bash
# Integration test against LocalStack (https://localstack.cloud): builds the
# function as a ZIP for this machine's architecture (so LocalStack runs it
# without emulation), creates it in LocalStack, invokes it with the sample events
# in events/ and checks the answers.
#
# Needs: LocalStack running (`localstack start -d`), the aws CLI, cargo-lambda.
# It always tests a ZIP of the same code: LocalStack's free edition has no ECR
# for image functions, and no layers for extensions.
{{notes}}set -euo pipefail
cd "$(dirname "$0")/.."

endpoint="${LOCALSTACK_ENDPOINT:-http://localhost:4566}"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
aws() { command aws --endpoint-url "$endpoint" "$@"; }

case "$(uname -m)" in
{{architecture_cases}}
esac

{{build_command}}

function_name="{{function_bin}}-localstack-test"
aws lambda delete-function --function-name "$function_name" >/dev/null 2>&1 || true
aws lambda create-function \
  --function-name "$function_name" \
  --runtime {{runtime}} \
  --handler {{handler}} \
  --architectures "$arch" \
  --role arn:aws:iam::000000000000:role/lambda-role \
  --zip-file "fileb://{{function_zip}}" >/dev/null
aws lambda wait function-active-v2 --function-name "$function_name"

# invoke EVENT_FILE: prints the function's answer; fails on a function error.
invoke() {
  local out error
  out="$(mktemp)"
  error="$(aws lambda invoke --function-name "$function_name" --payload "fileb://$1" \
    --query FunctionError --output text "$out")"
  if [ "$error" != "None" ]; then
    echo "FAIL: $1 -> $error: $(cat "$out")" >&2
    exit 1
  fi
  cat "$out"
}

# expect TEXT ANSWER: fails unless the answer contains the text.
expect() {
  case "$2" in
    *"$1"*) ;;
    *) echo "FAIL: expected $1 in the answer: $2" >&2; exit 1 ;;
  esac
}

{{checks}}
aws lambda delete-function --function-name "$function_name"
echo "LocalStack test passed"
