{{/* Labels every object of the release carries. */}}
{{- define "tessera.labels" -}}
app.kubernetes.io/part-of: tessera
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{/* The labels that select one service's pods: (list $ "serving"). */}}
{{- define "tessera.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/name: {{ index . 1 }}-service
{{- end -}}

{{/* The name of one service's objects: (list $ "serving"). */}}
{{- define "tessera.name" -}}
{{ (index . 0).Release.Name }}-{{ index . 1 }}
{{- end -}}

{{/* The Secret holding TESSERA_API_KEYS: one made outside the chart, or the chart's own. */}}
{{- define "tessera.apiKeysSecret" -}}
{{ .Values.security.existingSecret | default (printf "%s-api-keys" .Release.Name) }}
{{- end -}}

{{/* The settings only one service reads (its application.yml): (list $ "serving" $svc). */}}
{{- define "tessera.serviceEnv" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $svc := index . 2 -}}
- name: TESSERA_{{ upper $name }}_PORT
  value: {{ $svc.port | quote }}
{{- if eq $name "registry" }}
# The topic every service learns definitions from; the others read the same default name.
- name: TESSERA_REGISTRY_TOPIC
  value: feature-definitions
- name: TESSERA_REGISTRY_TOPIC_REPLICAS
  value: {{ $root.Values.kafka.replicationFactor | quote }}
- name: TESSERA_REGISTRY_MAX_BODY_SIZE
  value: {{ $svc.maxBodySize | quote }}
{{- end }}
{{- if eq $name "ingest" }}
- name: TESSERA_INGEST_TOPIC_PARTITIONS
  value: {{ $root.Values.kafka.partitions | quote }}
{{- end }}
{{- if eq $name "serving" }}
- name: TESSERA_SERVING_GRPC_PORT
  value: {{ $svc.grpcPort | quote }}
- name: TESSERA_SERVING_TRAINING_DIR
  value: /var/lib/tessera/training
{{- if $root.Values.batch.claim }}
- name: TESSERA_SERVING_TRAINING_BATCHSOURCEDIRS
  value: /var/lib/tessera/batch
{{- end }}
{{- end }}
{{- if and (eq $name "aggregation") $root.Values.batch.claim }}
# Backfills read the views' file batch sources from the batch claim only.
- name: TESSERA_BATCH_ALLOWEDDIRECTORIES
  value: /var/lib/tessera/batch
{{- end }}
{{- end -}}
