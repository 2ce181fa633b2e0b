"""Transforms a SAM template to plain CloudFormation JSON with aws-sam-translator, as CloudFormation's
AWS::Serverless transform does on deploy. Usage: sam-transform.py TEMPLATE PARAMETERS_JSON > out.json
(region from AWS_DEFAULT_REGION). Exit 3 when aws-sam-translator is not installed."""
import json
import sys

try:
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse
except ImportError:
    sys.stderr.write("aws-sam-translator is not installed (pip install aws-sam-translator or cfn-lint)\n")
    sys.exit(3)


class NoManagedPolicyLookups:
    """The template names managed policies by ARN only, so no IAM lookup is ever needed."""

    def load(self):
        return {}


with open(sys.argv[1], encoding="utf-8") as f:
    template = yaml_parse(f.read())
# What `sam package` does first: local code becomes an S3 object.
for logical_id, resource in template.get("Resources", {}).items():
    props = resource.get("Properties", {})
    if resource.get("Type") == "AWS::Serverless::Function" and not str(props.get("CodeUri", "")).startswith("s3://"):
        props["CodeUri"] = "s3://incident-artifacts/%s.zip" % logical_id
parameters = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
json.dump(transform(template, parameters, NoManagedPolicyLookups()), sys.stdout, default=str)
