{{/* The operator's name: its ServiceAccount, Deployment and Lease Role. */}}
{{- define "insight-engine.operatorName" -}}
insight-engine-operator
{{- end }}

{{- define "insight-engine.labels" -}}
app.kubernetes.io/name: insight-engine-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "insight-engine.selectorLabels" -}}
app.kubernetes.io/name: insight-engine-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* repository@digest, else repository:tag (the chart's appVersion by default). */}}
{{- define "insight-engine.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}
{{- end }}

{{/* The ClusterRoles the operator's build generates (files/operator-rbac.yaml). */}}
{{- define "insight-engine.clusterRoles" -}}
{{- (.Files.Get "files/operator-rbac.yaml" | fromYaml).clusterRoles | toYaml }}
{{- end }}
