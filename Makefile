# Build targets for `sam build` (every function has Metadata BuildMethod: makefile and CodeUri: .).
# Each target builds one module with the Maven wrapper and places its shaded jar where the Lambda
# Java runtime puts jars on the classpath (lib/).
MVNW ?= ./mvnw

define lambda_jar
	$(MVNW) -q -B -pl $(1) -am package -DskipTests
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(1)/target/$(1)-lambda.jar "$(ARTIFACTS_DIR)/lib/"
endef

build-AlarmTriggerFunction:
	$(call lambda_jar,alarm-trigger)

build-GitHubWebhookFunction:
	$(call lambda_jar,github-webhook)

build-AgentRuntimeFunction:
	$(call lambda_jar,agent-runtime)

build-McpGatewayFunction:
	$(call lambda_jar,mcp-gateway)

build-ContainerInsightToolFunction:
	$(call lambda_jar,tools-container-insight)

build-OpenSearchToolFunction:
	$(call lambda_jar,tools-opensearch)

build-DatadogToolFunction:
	$(call lambda_jar,tools-datadog)

build-GitHubToolFunction:
	$(call lambda_jar,tools-github)

build-ChaosToolFunction:
	$(call lambda_jar,tools-chaos)

build-KubernetesToolFunction:
	$(call lambda_jar,tools-kubernetes)

.PHONY: build-AlarmTriggerFunction build-GitHubWebhookFunction build-AgentRuntimeFunction build-McpGatewayFunction \
	build-ContainerInsightToolFunction build-OpenSearchToolFunction build-DatadogToolFunction \
	build-GitHubToolFunction build-ChaosToolFunction build-KubernetesToolFunction
