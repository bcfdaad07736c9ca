# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_prow_global_optspecs
    string join \n kubeconfig= kubeconfig-dir= kubeconfig-suffix= merge= context= cluster= user= n/namespace= request-timeout= as= as-group= prow-job-context= projected-token-file= no-in-cluster-config config-path= job-config-path= in-repo-config= use-explicit-credentials h/help V/version
end

function __fish_kubectl_prow_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_prow_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_prow_using_subcommand
    set -l cmd (__fish_kubectl_prow_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "contexts" -d 'List the contexts Prow can use, with cluster, server, namespace, user, auth and source'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "credentials" -d 'List every context\'s certificates and tokens and when they expire (no cluster is contacted)'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "jobs" -d 'List Prow jobs and the context each one runs in'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "lint" -d 'Check kubeconfigs and Prow job configuration together, without contacting a cluster'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "view" -d 'Print the merged configuration as one kubeconfig, secrets redacted'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "check-rbac" -d 'Ask each context\'s API server whether Prow may do its work there'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "check-pods" -d 'Ask each job\'s context whether it would admit the job\'s pod (a dry run: nothing is created)'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "graph" -d 'Draw contexts, clusters and users as Mermaid or Graphviz DOT'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "status" -d 'What is running where: ProwJobs by state per context, and each build context\'s pods'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "diff" -d 'Which jobs a change adds, removes or moves to another context, since a git revision'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "options" -d 'Print the flags every command accepts (kubectl\'s global flags, Prow\'s loader flags)'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "grant" -d 'Create the ServiceAccount, Role and RoleBinding a Prow component needs in a namespace'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "migrate" -d 'Move to explicit contexts: jobs name their cluster, no namespace fields, kubeconfigs from the old build-cluster YAML, and a checklist'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "completion" -d 'Print a shell completion script (kubectl: the kubectl_complete-prow plugin helper)'
complete -c kubectl-prow -n "__fish_kubectl_prow_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -s o -l output -d 'Output format' -r -f -a "table\t'Columns for a terminal (the default)'
wide\t'More columns, never cut to the terminal width'
json\t'JSON'
yaml\t'YAML'
name\t'One name per line'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l no-headers -d 'Print the table without the header line'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand contexts" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -s o -l output -d 'Output format' -r -f -a "table\t'Columns for a terminal (the default)'
wide\t'More columns, never cut to the terminal width'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l no-headers -d 'Print the table without the header line'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand credentials" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l type -d 'Only jobs of this type' -r -f -a "presubmit\t''
postsubmit\t''
periodic\t''"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l repo -d 'Only jobs of this repository (org/repo, or a Gerrit URL as written)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -s o -l output -d 'Output format' -r -f -a "table\t'Columns for a terminal (the default)'
wide\t'More columns, never cut to the terminal width'
json\t'JSON'
yaml\t'YAML'
name\t'One name per line'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l unknown -d 'Only jobs that land nowhere: their context is not loaded, or (explicit credentials) they name none'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l no-headers -d 'Print the table without the header line'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand jobs" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -s o -l output -d 'Output format' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l junit -d 'Also write the findings as JUnit XML (a suite per check) [default in a Prow job: $ARTIFACTS/junit_kubectl-prow.xml]' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l expiry-warning -d 'credential-expiring when under DURATION is left (e.g. 7d, 72h), instead of under a fifth of the lifetime and under 30 days' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l strict -d 'Fail (exit code 1) on warnings too'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -s v -l verbose -d 'List every finding of a group, not just the first few'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand lint" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -s o -l output -d 'Output format' -r -f -a "yaml\t''
json\t''"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l minify -d 'Only the current context (or --context) and the cluster and user it uses'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l flatten -d 'Inline certificate and key files as base64 data'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l raw -d 'Print tokens, passwords, keys and certificate data instead of redacting them'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand view" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l component -d 'Only what this Prow component needs (repeatable) [default: all]' -r -f -a "hook\t''
prow-controller-manager\t''
sinker\t''
deck\t''
crier\t''
horologium\t''
tide\t''
status-reconciler\t''"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l by -d 'Table columns' -r -f -a "summary\t'An ALLOWED (n/m) column, and what is denied below the table'
resource\t'A column per resource (pods, pods/log, events, prowjobs)'
component\t'A column per Prow component'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l suggest-dir -d 'With --suggest: one file per API server in DIR, and how to apply each' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l in-cluster-via -d 'Check in-cluster contexts from outside the pod: send SubjectAccessReviews for --service-account through this context' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l service-account -d 'The pod\'s ServiceAccount, NAMESPACE/NAME (with --in-cluster-via)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l junit -d 'Also write the answers as JUnit XML (a suite per context, a case per check) [default in a Prow job: $ARTIFACTS/junit_kubectl-prow.xml]' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -s o -l output -d 'Output format' -r -f -a "table\t'Columns for a terminal (the default)'
wide\t'More columns, never cut to the terminal width'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l suggest -d 'Print the missing Roles and RoleBindings (YAML), not the table'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l no-headers -d 'Print the table without the header line'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-rbac" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l type -d 'Only jobs of this type' -r -f -a "presubmit\t''
postsubmit\t''
periodic\t''"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l repo -d 'Only jobs of this repository (org/repo, or a Gerrit URL as written)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l job -d 'Only jobs whose name matches (repeatable; `*` and `?` globs)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l junit -d 'Also write the answers as JUnit XML (a suite per context, a case per job) [default in a Prow job: $ARTIFACTS/junit_kubectl-prow.xml]' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -s o -l output -d 'Output format' -r -f -a "text\t'Per-context counts, refusals grouped by message, a summary'
json\t'One object per job'
yaml\t'One object per job'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l print-pods -d 'Print the pods (a JSON v1 List, one pod per job) instead of asking any server'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l verbose -d 'List every job of a group, not the first 3'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand check-pods" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -s o -l output -d 'Output format' -r -f -a "mermaid\t''
dot\t''"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand graph" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l since -d 'Count ProwJobs that started within this long (e.g. 2h, 30m)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l stuck-after -d 'A triggered or pending ProwJob older than this is stuck' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l interval -d 'How often --watch reads' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -s o -l output -d 'Output format' -r -f -a "table\t'Columns for a terminal (the default)'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l fail-on-stuck -d 'Exit 1 when any ProwJob is stuck'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -s w -l watch -d 'Read again and redraw every --interval until Ctrl-C (which exits 0)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand status" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l base -d 'The git revision to compare the working tree with (a commit, branch or tag)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -s o -l output -d 'Output format' -r -f -a "table\t'Columns for a terminal (the default)'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l junit -d 'Also write the errors as JUnit XML [default in a Prow job: $ARTIFACTS/junit_kubectl-prow.xml]' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l check-rbac -d 'Also ask check-rbac\'s questions of the contexts that gain jobs (pods, pods/log and events in their namespaces)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand diff" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand options" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l service-account -d 'The ServiceAccount to create (or reuse) and grant to' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l component -d 'Only what this Prow component needs (repeatable) [default: all]' -r -f -a "hook\t''
prow-controller-manager\t''
sinker\t''
deck\t''
crier\t''
horologium\t''
tide\t''
status-reconciler\t''"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l kubeconfig-out -d 'Write a kubeconfig with a token for the ServiceAccount to FILE' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l duration -d 'How long the token lives (e.g. 1h, 48h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l context-name -d 'The name of the cluster, user and context in the --kubeconfig-out file [default: CLUSTER-NAMESPACE-SERVICEACCOUNT]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l prowjobs -d 'Also the ProwJob verbs (for the ProwJob context): a second Role and RoleBinding'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l apply -d 'Create or update the objects with server-side apply'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l force-conflicts -d 'With --apply: take over fields another field manager owns'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l force -d 'Replace an existing --kubeconfig-out file'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand grant" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -f -a "jobs" -d 'Add `cluster: <context>` to every job that sets none (a diff; --write to apply)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -f -a "build-clusters" -d 'Convert Prow\'s old build-cluster YAML into a kubeconfig (as Prow\'s cm2kc, plus namespaces)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -f -a "plan" -d 'The federated design\'s migration checklist: each step done, to do (with the command) or blocked'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -f -a "config" -d 'Remove pod_namespace and prowjob_namespace from --config-path (a diff; --write to apply)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -f -a "prowjobs" -d 'Move the ProwJob records to another context: a plan; --write copies, verified'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and not __fish_seen_subcommand_from jobs build-clusters plan config prowjobs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l write -d 'Apply the edits (atomically, keeping FILE.bak) instead of printing a diff'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from jobs" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l output -d 'Write the kubeconfig to FILE instead of stdout' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l force -d 'Replace an existing --output file'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from build-clusters" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -s o -l output -d 'Output format' -r -f -a "table\t'Columns for a terminal (the default)'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l online -d 'Also ask the ProwJob context and the job contexts (check-rbac)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from plan" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l write -d 'Apply the edit (atomically, keeping FILE.bak) instead of printing a diff'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from config" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l from -d 'The context the ProwJobs are in now (the old service cluster)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l to -d 'The context to move them to' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l from-namespace -d 'The source namespace' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l to-namespace -d 'The target namespace' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l backup-dir -d 'Where --force saves target objects (0600 files)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l concurrency -d 'Requests in flight at once' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -s o -l output -d 'Output format' -r -f -a "table\t'Columns for a terminal (the default)'
json\t'JSON'
yaml\t'YAML'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l write -d 'Copy (without it, only the plan)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l force -d 'Overwrite conflicts, each saved to --backup-dir first'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l include-running -d 'Copy triggered and pending ProwJobs too'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l delete-source -d 'Delete from the source the ProwJobs verified identical on the target'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from prowjobs" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "jobs" -d 'Add `cluster: <context>` to every job that sets none (a diff; --write to apply)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "build-clusters" -d 'Convert Prow\'s old build-cluster YAML into a kubeconfig (as Prow\'s cm2kc, plus namespaces)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "plan" -d 'The federated design\'s migration checklist: each step done, to do (with the command) or blocked'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "config" -d 'Remove pod_namespace and prowjob_namespace from --config-path (a diff; --write to apply)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "prowjobs" -d 'Move the ProwJob records to another context: a plan; --write copies, verified'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand migrate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l kubeconfig -d 'Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is then ignored)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l kubeconfig-dir -d 'Directory of kubeconfig files, read in name order (Prow\'s flag: subdirectories and names starting with \'..\' are skipped)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l kubeconfig-suffix -d 'Only read files of --kubeconfig-dir whose names end with this string' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l merge -d 'How to merge several files [default: strict with --kubeconfig, kubectl otherwise]' -r -f -a "strict\t'The federated design\'s strict union: any name defined twice is an error (default with --kubeconfig)'
kubectl\t'kubectl\'s rule: the first file to define a name wins (default without --kubeconfig)'
prow\t'Prow\'s loader as deployed: each file on its own, only context names collide'"
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l context -d 'The name of the kubeconfig context to use (check-rbac: repeat to check several)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l cluster -d 'The name of the kubeconfig cluster to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l user -d 'The name of the kubeconfig user to use (changes the current context)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -s n -l namespace -d 'The namespace for this request (changes the current context; migrate build-clusters: NS for every alias, or ALIAS=NS, repeatable)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l request-timeout -d 'How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no limit (e.g. 1s, 2m, 3h)' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l as -d 'Username to impersonate for the operation' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l as-group -d 'Group to impersonate; repeat for several' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l prow-job-context -d 'The context of the service cluster, which holds ProwJobs [default: the in-cluster context; with --merge prow, Prow\'s "" context]' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l projected-token-file -d 'A projected ServiceAccount token file to use for in-cluster contexts (Prow\'s flag)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l config-path -d 'Prow\'s config.yaml (pod_namespace, prowjob_namespace, disabled_clusters, in_repo_config.allowed_clusters, inline jobs)' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l job-config-path -d 'Prow job configuration: a file, or a directory walked with Prow\'s rules' -r -F
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l in-repo-config -d 'A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs: ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable' -r
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l no-in-cluster-config -d 'With --merge prow: do not add Prow\'s "" and "default" contexts (Prow\'s flag)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -l use-explicit-credentials -d 'Explicit credentials, the federated design\'s mode: no defaulting, so every job must set `cluster`'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand completion" -s V -l version -d 'Print version'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "contexts" -d 'List the contexts Prow can use, with cluster, server, namespace, user, auth and source'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "credentials" -d 'List every context\'s certificates and tokens and when they expire (no cluster is contacted)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "jobs" -d 'List Prow jobs and the context each one runs in'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "lint" -d 'Check kubeconfigs and Prow job configuration together, without contacting a cluster'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "view" -d 'Print the merged configuration as one kubeconfig, secrets redacted'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "check-rbac" -d 'Ask each context\'s API server whether Prow may do its work there'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "check-pods" -d 'Ask each job\'s context whether it would admit the job\'s pod (a dry run: nothing is created)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "graph" -d 'Draw contexts, clusters and users as Mermaid or Graphviz DOT'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "status" -d 'What is running where: ProwJobs by state per context, and each build context\'s pods'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "diff" -d 'Which jobs a change adds, removes or moves to another context, since a git revision'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "options" -d 'Print the flags every command accepts (kubectl\'s global flags, Prow\'s loader flags)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "grant" -d 'Create the ServiceAccount, Role and RoleBinding a Prow component needs in a namespace'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "migrate" -d 'Move to explicit contexts: jobs name their cluster, no namespace fields, kubeconfigs from the old build-cluster YAML, and a checklist'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "completion" -d 'Print a shell completion script (kubectl: the kubectl_complete-prow plugin helper)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and not __fish_seen_subcommand_from contexts credentials jobs lint view check-rbac check-pods graph status diff options grant migrate completion help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "jobs" -d 'Add `cluster: <context>` to every job that sets none (a diff; --write to apply)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "build-clusters" -d 'Convert Prow\'s old build-cluster YAML into a kubeconfig (as Prow\'s cm2kc, plus namespaces)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "plan" -d 'The federated design\'s migration checklist: each step done, to do (with the command) or blocked'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "config" -d 'Remove pod_namespace and prowjob_namespace from --config-path (a diff; --write to apply)'
complete -c kubectl-prow -n "__fish_kubectl_prow_using_subcommand help; and __fish_seen_subcommand_from migrate" -f -a "prowjobs" -d 'Move the ProwJob records to another context: a plan; --write copies, verified'
