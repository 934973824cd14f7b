{{- define "ragops.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "ragops.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "ragops.selector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The roles this release runs: api and worker always, embedder when enabled. */}}
{{- define "ragops.roles" -}}
{{- $roles := list "api" "worker" -}}
{{- if .Values.embedder.enabled -}}
{{- $roles = append $roles "embedder" -}}
{{- end -}}
{{- join " " $roles -}}
{{- end -}}

{{/* Name of one role's objects: <release>-ragops-<role>. Call with (dict "root" $ "role" "api"). */}}
{{- define "ragops.roleName" -}}
{{- printf "%s-%s" (include "ragops.fullname" .root | trunc 54 | trimSuffix "-") .role -}}
{{- end -}}

{{- define "ragops.roleSelector" -}}
{{ include "ragops.selector" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}
