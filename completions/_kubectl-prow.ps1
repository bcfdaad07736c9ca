
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kubectl-prow' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kubectl-prow'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'kubectl-prow' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('contexts', 'contexts', [CompletionResultType]::ParameterValue, 'List the contexts Prow can use, with cluster, server, namespace, user, auth and source')
            [CompletionResult]::new('credentials', 'credentials', [CompletionResultType]::ParameterValue, 'List every context''s certificates and tokens and when they expire (no cluster is contacted)')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'List Prow jobs and the context each one runs in')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check kubeconfigs and Prow job configuration together, without contacting a cluster')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Print the merged configuration as one kubeconfig, secrets redacted')
            [CompletionResult]::new('check-rbac', 'check-rbac', [CompletionResultType]::ParameterValue, 'Ask each context''s API server whether Prow may do its work there')
            [CompletionResult]::new('check-pods', 'check-pods', [CompletionResultType]::ParameterValue, 'Ask each job''s context whether it would admit the job''s pod (a dry run: nothing is created)')
            [CompletionResult]::new('graph', 'graph', [CompletionResultType]::ParameterValue, 'Draw contexts, clusters and users as Mermaid or Graphviz DOT')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'What is running where: ProwJobs by state per context, and each build context''s pods')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Which jobs a change adds, removes or moves to another context, since a git revision')
            [CompletionResult]::new('options', 'options', [CompletionResultType]::ParameterValue, 'Print the flags every command accepts (kubectl''s global flags, Prow''s loader flags)')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Create the ServiceAccount, Role and RoleBinding a Prow component needs in a namespace')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Move to explicit contexts: jobs name their cluster, no namespace fields, kubeconfigs from the old build-cluster YAML, and a checklist')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script (kubectl: the kubectl_complete-prow plugin helper)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-prow;contexts' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Print the table without the header line')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;credentials' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Print the table without the header line')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;jobs' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only jobs of this type')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'Only jobs of this repository (org/repo, or a Gerrit URL as written)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--unknown', '--unknown', [CompletionResultType]::ParameterName, 'Only jobs that land nowhere: their context is not loaded, or (explicit credentials) they name none')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Print the table without the header line')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;lint' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write the findings as JUnit XML (a suite per check) [default in a Prow job: $ARTIFACTS/junit_kubectl-prow.xml]')
            [CompletionResult]::new('--expiry-warning', '--expiry-warning', [CompletionResultType]::ParameterName, 'credential-expiring when under DURATION is left (e.g. 7d, 72h), instead of under a fifth of the lifetime and under 30 days')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit code 1) on warnings too')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'List every finding of a group, not just the first few')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'List every finding of a group, not just the first few')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;view' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--minify', '--minify', [CompletionResultType]::ParameterName, 'Only the current context (or --context) and the cluster and user it uses')
            [CompletionResult]::new('--flatten', '--flatten', [CompletionResultType]::ParameterName, 'Inline certificate and key files as base64 data')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print tokens, passwords, keys and certificate data instead of redacting them')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;check-rbac' {
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Only what this Prow component needs (repeatable) [default: all]')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Table columns')
            [CompletionResult]::new('--suggest-dir', '--suggest-dir', [CompletionResultType]::ParameterName, 'With --suggest: one file per API server in DIR, and how to apply each')
            [CompletionResult]::new('--in-cluster-via', '--in-cluster-via', [CompletionResultType]::ParameterName, 'Check in-cluster contexts from outside the pod: send SubjectAccessReviews for --service-account through this context')
            [CompletionResult]::new('--service-account', '--service-account', [CompletionResultType]::ParameterName, 'The pod''s ServiceAccount, NAMESPACE/NAME (with --in-cluster-via)')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write the answers as JUnit XML (a suite per context, a case per check) [default in a Prow job: $ARTIFACTS/junit_kubectl-prow.xml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--suggest', '--suggest', [CompletionResultType]::ParameterName, 'Print the missing Roles and RoleBindings (YAML), not the table')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Print the table without the header line')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;check-pods' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only jobs of this type')
            [CompletionResult]::new('--repo', '--repo', [CompletionResultType]::ParameterName, 'Only jobs of this repository (org/repo, or a Gerrit URL as written)')
            [CompletionResult]::new('--job', '--job', [CompletionResultType]::ParameterName, 'Only jobs whose name matches (repeatable; `*` and `?` globs)')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write the answers as JUnit XML (a suite per context, a case per job) [default in a Prow job: $ARTIFACTS/junit_kubectl-prow.xml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--print-pods', '--print-pods', [CompletionResultType]::ParameterName, 'Print the pods (a JSON v1 List, one pod per job) instead of asking any server')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'List every job of a group, not the first 3')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;graph' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;status' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Count ProwJobs that started within this long (e.g. 2h, 30m)')
            [CompletionResult]::new('--stuck-after', '--stuck-after', [CompletionResultType]::ParameterName, 'A triggered or pending ProwJob older than this is stuck')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often --watch reads')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--fail-on-stuck', '--fail-on-stuck', [CompletionResultType]::ParameterName, 'Exit 1 when any ProwJob is stuck')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Read again and redraw every --interval until Ctrl-C (which exits 0)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Read again and redraw every --interval until Ctrl-C (which exits 0)')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;diff' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The git revision to compare the working tree with (a commit, branch or tag)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--junit', '--junit', [CompletionResultType]::ParameterName, 'Also write the errors as JUnit XML [default in a Prow job: $ARTIFACTS/junit_kubectl-prow.xml]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--check-rbac', '--check-rbac', [CompletionResultType]::ParameterName, 'Also ask check-rbac''s questions of the contexts that gain jobs (pods, pods/log and events in their namespaces)')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;options' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;grant' {
            [CompletionResult]::new('--service-account', '--service-account', [CompletionResultType]::ParameterName, 'The ServiceAccount to create (or reuse) and grant to')
            [CompletionResult]::new('--component', '--component', [CompletionResultType]::ParameterName, 'Only what this Prow component needs (repeatable) [default: all]')
            [CompletionResult]::new('--kubeconfig-out', '--kubeconfig-out', [CompletionResultType]::ParameterName, 'Write a kubeconfig with a token for the ServiceAccount to FILE')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'How long the token lives (e.g. 1h, 48h)')
            [CompletionResult]::new('--context-name', '--context-name', [CompletionResultType]::ParameterName, 'The name of the cluster, user and context in the --kubeconfig-out file [default: CLUSTER-NAMESPACE-SERVICEACCOUNT]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--prowjobs', '--prowjobs', [CompletionResultType]::ParameterName, 'Also the ProwJob verbs (for the ProwJob context): a second Role and RoleBinding')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Create or update the objects with server-side apply')
            [CompletionResult]::new('--force-conflicts', '--force-conflicts', [CompletionResultType]::ParameterName, 'With --apply: take over fields another field manager owns')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing --kubeconfig-out file')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;migrate' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'Add `cluster: <context>` to every job that sets none (a diff; --write to apply)')
            [CompletionResult]::new('build-clusters', 'build-clusters', [CompletionResultType]::ParameterValue, 'Convert Prow''s old build-cluster YAML into a kubeconfig (as Prow''s cm2kc, plus namespaces)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'The federated design''s migration checklist: each step done, to do (with the command) or blocked')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Remove pod_namespace and prowjob_namespace from --config-path (a diff; --write to apply)')
            [CompletionResult]::new('prowjobs', 'prowjobs', [CompletionResultType]::ParameterValue, 'Move the ProwJob records to another context: a plan; --write copies, verified')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-prow;migrate;jobs' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Apply the edits (atomically, keeping FILE.bak) instead of printing a diff')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;migrate;build-clusters' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the kubeconfig to FILE instead of stdout')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing --output file')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;migrate;plan' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--online', '--online', [CompletionResultType]::ParameterName, 'Also ask the ProwJob context and the job contexts (check-rbac)')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;migrate;config' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Apply the edit (atomically, keeping FILE.bak) instead of printing a diff')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;migrate;prowjobs' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The context the ProwJobs are in now (the old service cluster)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The context to move them to')
            [CompletionResult]::new('--from-namespace', '--from-namespace', [CompletionResultType]::ParameterName, 'The source namespace')
            [CompletionResult]::new('--to-namespace', '--to-namespace', [CompletionResultType]::ParameterName, 'The target namespace')
            [CompletionResult]::new('--backup-dir', '--backup-dir', [CompletionResultType]::ParameterName, 'Where --force saves target objects (0600 files)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--write', '--write', [CompletionResultType]::ParameterName, 'Copy (without it, only the plan)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite conflicts, each saved to --backup-dir first')
            [CompletionResult]::new('--include-running', '--include-running', [CompletionResultType]::ParameterName, 'Copy triggered and pending ProwJobs too')
            [CompletionResult]::new('--delete-source', '--delete-source', [CompletionResultType]::ParameterName, 'Delete from the source the ProwJobs verified identical on the target')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;migrate;help' {
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'Add `cluster: <context>` to every job that sets none (a diff; --write to apply)')
            [CompletionResult]::new('build-clusters', 'build-clusters', [CompletionResultType]::ParameterValue, 'Convert Prow''s old build-cluster YAML into a kubeconfig (as Prow''s cm2kc, plus namespaces)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'The federated design''s migration checklist: each step done, to do (with the command) or blocked')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Remove pod_namespace and prowjob_namespace from --config-path (a diff; --write to apply)')
            [CompletionResult]::new('prowjobs', 'prowjobs', [CompletionResultType]::ParameterValue, 'Move the ProwJob records to another context: a plan; --write copies, verified')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-prow;migrate;help;jobs' {
            break
        }
        'kubectl-prow;migrate;help;build-clusters' {
            break
        }
        'kubectl-prow;migrate;help;plan' {
            break
        }
        'kubectl-prow;migrate;help;config' {
            break
        }
        'kubectl-prow;migrate;help;prowjobs' {
            break
        }
        'kubectl-prow;migrate;help;help' {
            break
        }
        'kubectl-prow;completion' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)')
            [CompletionResult]::new('--kubeconfig-dir', '--kubeconfig-dir', [CompletionResultType]::ParameterName, 'Directory of kubeconfig files, read in name order (Prow''s flag: subdirectories and names starting with ''..'' are skipped)')
            [CompletionResult]::new('--kubeconfig-suffix', '--kubeconfig-suffix', [CompletionResultType]::ParameterName, 'Only read files of --kubeconfig-dir whose names end with this string')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The name of the kubeconfig context to use (check-rbac: repeat to check several)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The name of the kubeconfig cluster to use (changes the current context)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The name of the kubeconfig user to use (changes the current context)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Username to impersonate for the operation')
            [CompletionResult]::new('--as-group', '--as-group', [CompletionResultType]::ParameterName, 'Group to impersonate; repeat for several')
            [CompletionResult]::new('--prow-job-context', '--prow-job-context', [CompletionResultType]::ParameterName, 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow''s "" context]')
            [CompletionResult]::new('--projected-token-file', '--projected-token-file', [CompletionResultType]::ParameterName, 'A projected ServiceAccount token file to use for in-cluster contexts (Prow''s flag)')
            [CompletionResult]::new('--config-path', '--config-path', [CompletionResultType]::ParameterName, 'Prow''s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)')
            [CompletionResult]::new('--job-config-path', '--job-config-path', [CompletionResultType]::ParameterName, 'Prow job configuration: a file, or a directory walked with Prow''s rules')
            [CompletionResult]::new('--in-repo-config', '--in-repo-config', [CompletionResultType]::ParameterName, 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable')
            [CompletionResult]::new('--no-in-cluster-config', '--no-in-cluster-config', [CompletionResultType]::ParameterName, 'With --merge prow: do not add Prow''s "" and "default" contexts (Prow''s flag)')
            [CompletionResult]::new('--use-explicit-credentials', '--use-explicit-credentials', [CompletionResultType]::ParameterName, 'Explicit credentials, the federated design''s mode: no defaulting, so every job must set `cluster`')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'kubectl-prow;help' {
            [CompletionResult]::new('contexts', 'contexts', [CompletionResultType]::ParameterValue, 'List the contexts Prow can use, with cluster, server, namespace, user, auth and source')
            [CompletionResult]::new('credentials', 'credentials', [CompletionResultType]::ParameterValue, 'List every context''s certificates and tokens and when they expire (no cluster is contacted)')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'List Prow jobs and the context each one runs in')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check kubeconfigs and Prow job configuration together, without contacting a cluster')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Print the merged configuration as one kubeconfig, secrets redacted')
            [CompletionResult]::new('check-rbac', 'check-rbac', [CompletionResultType]::ParameterValue, 'Ask each context''s API server whether Prow may do its work there')
            [CompletionResult]::new('check-pods', 'check-pods', [CompletionResultType]::ParameterValue, 'Ask each job''s context whether it would admit the job''s pod (a dry run: nothing is created)')
            [CompletionResult]::new('graph', 'graph', [CompletionResultType]::ParameterValue, 'Draw contexts, clusters and users as Mermaid or Graphviz DOT')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'What is running where: ProwJobs by state per context, and each build context''s pods')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Which jobs a change adds, removes or moves to another context, since a git revision')
            [CompletionResult]::new('options', 'options', [CompletionResultType]::ParameterValue, 'Print the flags every command accepts (kubectl''s global flags, Prow''s loader flags)')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Create the ServiceAccount, Role and RoleBinding a Prow component needs in a namespace')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Move to explicit contexts: jobs name their cluster, no namespace fields, kubeconfigs from the old build-cluster YAML, and a checklist')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script (kubectl: the kubectl_complete-prow plugin helper)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-prow;help;contexts' {
            break
        }
        'kubectl-prow;help;credentials' {
            break
        }
        'kubectl-prow;help;jobs' {
            break
        }
        'kubectl-prow;help;lint' {
            break
        }
        'kubectl-prow;help;view' {
            break
        }
        'kubectl-prow;help;check-rbac' {
            break
        }
        'kubectl-prow;help;check-pods' {
            break
        }
        'kubectl-prow;help;graph' {
            break
        }
        'kubectl-prow;help;status' {
            break
        }
        'kubectl-prow;help;diff' {
            break
        }
        'kubectl-prow;help;options' {
            break
        }
        'kubectl-prow;help;grant' {
            break
        }
        'kubectl-prow;help;migrate' {
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'Add `cluster: <context>` to every job that sets none (a diff; --write to apply)')
            [CompletionResult]::new('build-clusters', 'build-clusters', [CompletionResultType]::ParameterValue, 'Convert Prow''s old build-cluster YAML into a kubeconfig (as Prow''s cm2kc, plus namespaces)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'The federated design''s migration checklist: each step done, to do (with the command) or blocked')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Remove pod_namespace and prowjob_namespace from --config-path (a diff; --write to apply)')
            [CompletionResult]::new('prowjobs', 'prowjobs', [CompletionResultType]::ParameterValue, 'Move the ProwJob records to another context: a plan; --write copies, verified')
            break
        }
        'kubectl-prow;help;migrate;jobs' {
            break
        }
        'kubectl-prow;help;migrate;build-clusters' {
            break
        }
        'kubectl-prow;help;migrate;plan' {
            break
        }
        'kubectl-prow;help;migrate;config' {
            break
        }
        'kubectl-prow;help;migrate;prowjobs' {
            break
        }
        'kubectl-prow;help;completion' {
            break
        }
        'kubectl-prow;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
