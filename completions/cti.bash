#!/bin/bash

__cti_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__cti_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__cti_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__cti_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_cti() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--echo --continue-on-error --version -h --help)
    local -a repeating_options=(-c)
    local -a non_repeating_options=(-f)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-c')
        return
        ;;
    '-f')
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    open|close|reconnect|status|watch|call|agent|query|persistent|send|sim|describe|config|decode|encode|simulate|quit|help)
        # Offer subcommand argument completions
        "_cti_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'open close reconnect status watch call agent query persistent send sim describe config decode encode simulate quit help' -- "${cur}"))
        ;;
    esac
}

_cti_open() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_cti_close() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options 0
}

_cti_reconnect() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--timeout)
    __cti_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cti_add_completions -W 'A'$'\n''B'
        return
        ;;
    esac
}

_cti_status() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options 0
}

_cti_watch() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --off --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --count --timeout --filter --record)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--count')
        return
        ;;
    '--timeout')
        return
        ;;
    '--filter')
        return
        ;;
    '--record')
        return
        ;;
    esac
}

_cti_call() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    make|answer|hold|retrieve|alternate|consult|transfer|conference|clear|clear-connection|release|dtmf|data)
        # Offer subcommand argument completions
        "_cti_call_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'make answer hold retrieve alternate consult transfer conference clear clear-connection release dtmf data' -- "${cur}"))
        ;;
    esac
}

_cti_call_make() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=(--var --named)
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    '--var')
        return
        ;;
    '--named')
        return
        ;;
    esac
}

_cti_call_answer() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_call_hold() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_call_retrieve() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_call_alternate() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_call_consult() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device --type)
    __cti_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    '--type')
        __cti_add_completions -W 'transfer'$'\n''conference'
        return
        ;;
    esac
}

_cti_call_transfer() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_call_conference() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_call_clear() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_call_clear-connection() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_call_release() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_call_dtmf() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_call_data() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=(--var --named)
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    '--var')
        return
        ;;
    '--named')
        return
        ;;
    esac
}

_cti_agent() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    login|logout|ready|not-ready|work-ready|work-not-ready|state)
        # Offer subcommand argument completions
        "_cti_agent_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'login logout ready not-ready work-ready work-not-ready state' -- "${cur}"))
        ;;
    esac
}

_cti_agent_login() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --nailed --call-by-call --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device --reason --agent-password-file --remote-number)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    '--reason')
        return
        ;;
    '--agent-password-file')
        return
        ;;
    '--remote-number')
        return
        ;;
    esac
}

_cti_agent_logout() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device --reason --agent-password-file)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    '--reason')
        return
        ;;
    '--agent-password-file')
        return
        ;;
    esac
}

_cti_agent_ready() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device --reason --agent-password-file)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    '--reason')
        return
        ;;
    '--agent-password-file')
        return
        ;;
    esac
}

_cti_agent_not-ready() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device --reason --agent-password-file)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    '--reason')
        return
        ;;
    '--agent-password-file')
        return
        ;;
    esac
}

_cti_agent_work-ready() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device --reason --agent-password-file)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    '--reason')
        return
        ;;
    '--agent-password-file')
        return
        ;;
    esac
}

_cti_agent_work-not-ready() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device --reason --agent-password-file)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    '--reason')
        return
        ;;
    '--agent-password-file')
        return
        ;;
    esac
}

_cti_agent_state() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_query() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    agent|device|call|snapshot)
        # Offer subcommand argument completions
        "_cti_query_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'agent device call snapshot' -- "${cur}"))
        ;;
    esac
}

_cti_query_agent() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_query_device() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_query_call() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_query_snapshot() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_persistent() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    make|drop|list)
        # Offer subcommand argument completions
        "_cti_persistent_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'make drop list' -- "${cur}"))
        ;;
    esac
}

_cti_persistent_make() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--calling-id --calling-name --wait --timeout --host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--calling-id')
        return
        ;;
    '--calling-name')
        return
        ;;
    '--wait')
        return
        ;;
    '--timeout')
        return
        ;;
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_persistent_drop() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_persistent_list() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_send() {
    repeating_flags=()
    non_repeating_flags=(--force --password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --follow --device)
    __cti_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--follow')
        return
        ;;
    '--device')
        return
        ;;
    esac
}

_cti_sim() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options -1
}

_cti_describe() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options 2

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cti_add_completions -W 'masks'$'\n''messages'$'\n''events'$'\n''status'$'\n''failures'
        return
        ;;
    esac
}

_cti_config() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show)
        # Offer subcommand argument completions
        "_cti_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show' -- "${cur}"))
        ;;
    esac
}

_cti_config_show() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        return
        ;;
    '--client-id')
        return
        ;;
    '--password')
        return
        ;;
    '--password-file')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--services')
        return
        ;;
    '--call-mask')
        return
        ;;
    '--agent-mask')
        return
        ;;
    '--config-mask')
        return
        ;;
    '--agent-id')
        return
        ;;
    '--agent-ext')
        return
        ;;
    '--instrument')
        return
        ;;
    '--heartbeat')
        return
        ;;
    '--connect-timeout')
        return
        ;;
    '--profile')
        return
        ;;
    '--config')
        return
        ;;
    '--tls-ca')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    esac
}

_cti_decode() {
    repeating_flags=()
    non_repeating_flags=(--show-hex --version -h --help)
    repeating_options=()
    non_repeating_options=(--file -o --output --protocol --numbering)
    __cti_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--file')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--protocol')
        return
        ;;
    '--numbering')
        __cti_add_completions -W 'pv25'$'\n''pv24'
        return
        ;;
    esac
}

_cti_encode() {
    repeating_flags=()
    non_repeating_flags=(--list --force --version -h --help)
    repeating_options=()
    non_repeating_options=(--protocol --numbering)
    __cti_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--protocol')
        return
        ;;
    '--numbering')
        __cti_add_completions -W 'pv25'$'\n''pv24'
        return
        ;;
    esac
}

_cti_simulate() {
    repeating_flags=()
    non_repeating_flags=(--hide-persistent-in-snapshot --version -h --help)
    repeating_options=(--peripheral --agent)
    non_repeating_options=(--port-a --port-b --host --password-file --agents --remote-devices --rate --seed --persistent-per-node --persistent-per-cluster --scenario --tls-cert --tls-key --tls-ca)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--port-a')
        return
        ;;
    '--port-b')
        return
        ;;
    '--host')
        return
        ;;
    '--peripheral')
        return
        ;;
    '--password-file')
        return
        ;;
    '--agent')
        return
        ;;
    '--agents')
        return
        ;;
    '--remote-devices')
        return
        ;;
    '--rate')
        return
        ;;
    '--seed')
        return
        ;;
    '--persistent-per-node')
        return
        ;;
    '--persistent-per-cluster')
        return
        ;;
    '--scenario')
        return
        ;;
    '--tls-cert')
        return
        ;;
    '--tls-key')
        return
        ;;
    '--tls-ca')
        return
        ;;
    esac
}

_cti_quit() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options 0
}

_cti_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options -1
}

complete -o filenames -F _cti cti
