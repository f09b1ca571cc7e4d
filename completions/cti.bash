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
    open|close|reconnect|status|stats|watch|call|agent|query|persistent|send|sim|describe|config|decode|encode|simulate|proxy|top|ladder|doctor|load|wait|sleep|quit|help)
        # Offer subcommand argument completions
        "_cti_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'open close reconnect status stats watch call agent query persistent send sim describe config decode encode simulate proxy top ladder doctor load wait sleep quit help' -- "${cur}"))
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion open -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion open -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion open -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion open -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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

_cti_stats() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options 0
}

_cti_watch() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --off --version -h --help)
    repeating_options=(--device --agent --call)
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color --count --timeout --filter --record --record-format --stats)
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion watch -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion watch -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion watch -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion watch -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion watch -- --filter "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--device')
        return
        ;;
    '--agent')
        return
        ;;
    '--call')
        return
        ;;
    '--record')
        __cti_add_completions -f
        return
        ;;
    '--record-format')
        __cti_add_completions -W 'raw'$'\n''pcap'
        return
        ;;
    '--stats')
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call make -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call make -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call make -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call make -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call answer -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call answer -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call answer -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call answer -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call hold -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call hold -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call hold -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call hold -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call retrieve -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call retrieve -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call retrieve -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call retrieve -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call alternate -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call alternate -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call alternate -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call alternate -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call consult -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call consult -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call consult -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call consult -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call transfer -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call transfer -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call transfer -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call transfer -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call conference -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call conference -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call conference -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call conference -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call clear -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call clear -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call clear -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call clear -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call clear-connection -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call clear-connection -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call clear-connection -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call clear-connection -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call release -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call release -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call release -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call release -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call dtmf -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call dtmf -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call dtmf -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call dtmf -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion call data -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call data -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call data -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion call data -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent login -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent login -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent login -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent login -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent logout -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent logout -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent logout -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent logout -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent ready -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent ready -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent ready -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent ready -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent not-ready -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent not-ready -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent not-ready -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent not-ready -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent work-ready -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent work-ready -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent work-ready -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent work-ready -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent work-not-ready -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent work-not-ready -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent work-not-ready -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent work-not-ready -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent state -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent state -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent state -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion agent state -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion query agent -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion query agent -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion query agent -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion query agent -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion query device -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion query device -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion query device -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion query device -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion query call -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion query call -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion query call -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion query call -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion query snapshot -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion query snapshot -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion query snapshot -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion query snapshot -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion persistent make -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion persistent make -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion persistent make -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion persistent make -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion persistent drop -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion persistent drop -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion persistent drop -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion persistent drop -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion persistent list -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion persistent list -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion persistent list -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion persistent list -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion send -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion send -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion send -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion send -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
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

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cti_add_completions -W 'OPEN_REQ'$'\n''HEARTBEAT_REQ'$'\n''CLOSE_REQ'$'\n''SET_CALL_DATA_REQ'$'\n''RELEASE_CALL_REQ'$'\n''CLIENT_EVENT_REPORT_REQ'$'\n''QUERY_AGENT_STATE_REQ'$'\n''SET_AGENT_STATE_REQ'$'\n''ALTERNATE_CALL_REQ'$'\n''ANSWER_CALL_REQ'$'\n''CLEAR_CALL_REQ'$'\n''CLEAR_CONNECTION_REQ'$'\n''CONFERENCE_CALL_REQ'$'\n''CONSULTATION_CALL_REQ'$'\n''DEFLECT_CALL_REQ'$'\n''HOLD_CALL_REQ'$'\n''MAKE_CALL_REQ'$'\n''MAKE_PREDICTIVE_CALL_REQ'$'\n''RECONNECT_CALL_REQ'$'\n''RETRIEVE_CALL_REQ'$'\n''TRANSFER_CALL_REQ'$'\n''QUERY_DEVICE_INFO_REQ'$'\n''SNAPSHOT_CALL_REQ'$'\n''SNAPSHOT_DEVICE_REQ'$'\n''SEND_DTMF_SIGNAL_REQ'$'\n''MONITOR_START_REQ'$'\n''MONITOR_STOP_REQ'$'\n''CHANGE_MONITOR_MASK_REQ'$'\n''SESSION_MONITOR_START_REQ'$'\n''SESSION_MONITOR_STOP_REQ'$'\n''USER_MESSAGE_REQ'$'\n''REGISTER_VARIABLES_REQ'$'\n''QUERY_AGENT_STATISTICS_REQ'$'\n''QUERY_SKILL_GROUP_STATISTICS_REQ'$'\n''SUPERVISOR_ASSIST_REQ'$'\n''EMERGENCY_CALL_REQ'$'\n''SUPERVISE_CALL_REQ'$'\n''AGENT_TEAM_CONFIG_REQ'$'\n''SET_APP_DATA_REQ'$'\n''AGENT_DESK_SETTINGS_REQ'$'\n''LIST_AGENT_TEAM_REQ'$'\n''MONITOR_AGENT_TEAM_START_REQ'$'\n''MONITOR_AGENT_TEAM_STOP_REQ'$'\n''BAD_CALL_REQ'$'\n''SET_DEVICE_ATTRIBUTES_REQ'$'\n''REGISTER_SERVICE_REQ'$'\n''UNREGISTER_SERVICE_REQ'$'\n''START_RECORDING_REQ'$'\n''START_RECORDING_CONF'$'\n''STOP_RECORDING_REQ'$'\n''STOP_RECORDING_CONF'$'\n''MEDIA_LOGIN_REQ'$'\n''MEDIA_LOGOUT_IND'$'\n''MAKE_AGENT_ROUTABLE_IND'$'\n''MAKE_AGENT_NOT_ROUTABLE_REQ'$'\n''MAKE_AGENT_READY_IND'$'\n''MAKE_AGENT_NOT_READY_REQ'$'\n''OFFER_TASK_IND'$'\n''OFFER_APPLICATION_TASK_REQ'$'\n''START_TASK_IND'$'\n''START_APPLICATION_TASK_REQ'$'\n''PAUSE_TASK_IND'$'\n''RESUME_TASK_IND'$'\n''WRAPUP_TASK_IND'$'\n''END_TASK_IND'$'\n''AGENT_INTERRUPT_ACCEPTED_IND'$'\n''AGENT_INTERRUPT_UNACCEPTED_IND'$'\n''AGENT_INTERRUPT_DONE_ACCEPTED_IND'$'\n''CHANGE_MAX_TASK_LIMIT_REQ'$'\n''OVERRIDE_LIMIT_REQ'$'\n''UPDATE_TASK_CONTEXT_IND'$'\n''BEGIN_AGENT_INIT_IND'$'\n''AGENT_INIT_REQ'$'\n''END_AGENT_INIT_IND'$'\n''TASK_INIT_IND'$'\n''GET_PRECALL_MESSAGES_REQ'$'\n''TASK_MONITOR_START_REQ'$'\n''TASK_MONITOR_STOP_REQ'$'\n''CHANGE_TASK_MONITOR_MASK_REQ'$'\n''SET_APP_PATH_DATA_IND'$'\n''TASK_INIT_REQ'$'\n''ROUTE_REGISTER_EVENT'$'\n''ROUTE_SELECT_EVENT'$'\n''ROUTE_END_EVENT'$'\n''CONFIG_REQUEST_KEY_EVENT'$'\n''CONFIG_REQUEST_EVENT'$'\n''TEAM_CONFIG_REQ'$'\n''AGENT_GREETING_CONTROL_REQ'$'\n''GET_AGENT_TASKS_REQ'$'\n''SNAPSHOT_TASK_REQ'$'\n''AGENT_TASKS_REQUEST_EVENT'$'\n''START_NETWORK_RECORDING_REQ'$'\n''STOP_NETWORK_RECORDING_REQ'$'\n''ACTIVE_MAINTENANCE_RESP_MSG'$'\n''STOPPING_REQUESTS_TO_THIS_SIDE_IND'$'\n''SET_AGENT_SERVICE_DATA_REQ'$'\n''PERSISTENT_CALL_REQ'
        return
        ;;
    *)
        __cti_add_completions -W "$(__cti_custom_complete ---completion send -- positional@1 "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
    non_repeating_flags=(--wireshark-lua --version -h --help)
    repeating_options=()
    non_repeating_options=(--protocol)
    __cti_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--protocol')
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cti_add_completions -W 'masks'$'\n''messages'$'\n''events'$'\n''status'$'\n''failures'$'\n''versions'
        return
        ;;
    2)
        __cti_add_completions -W "$(__cti_custom_complete ---completion describe -- positional@1 "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion config show -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion config show -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion config show -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion config show -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
    non_repeating_flags=(--show-hex --hex --verbose -v --stats --version -h --help)
    repeating_options=(--port)
    non_repeating_options=(--file --pcap -o --output --filter --protocol --numbering)
    __cti_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--file')
        return
        ;;
    '--pcap')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
        return
        ;;
    '--port')
        return
        ;;
    '--filter')
        __cti_add_completions -W "$(__cti_custom_complete ---completion decode -- --filter "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--protocol')
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
        return
        ;;
    '--numbering')
        __cti_add_completions -W 'pv25'$'\n''pv24'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cti_add_completions -W 'FAILURE_CONF'$'\n''FAILURE_EVENT'$'\n''OPEN_REQ'$'\n''OPEN_CONF'$'\n''HEARTBEAT_REQ'$'\n''HEARTBEAT_CONF'$'\n''CLOSE_REQ'$'\n''CLOSE_CONF'$'\n''CALL_DELIVERED_EVENT'$'\n''CALL_ESTABLISHED_EVENT'$'\n''CALL_HELD_EVENT'$'\n''CALL_RETRIEVED_EVENT'$'\n''CALL_CLEARED_EVENT'$'\n''CALL_CONNECTION_CLEARED_EVENT'$'\n''CALL_ORIGINATED_EVENT'$'\n''CALL_FAILED_EVENT'$'\n''CALL_CONFERENCED_EVENT'$'\n''CALL_TRANSFERRED_EVENT'$'\n''CALL_DIVERTED_EVENT'$'\n''CALL_SERVICE_INITIATED_EVENT'$'\n''CALL_QUEUED_EVENT'$'\n''CALL_TRANSLATION_ROUTE_EVENT'$'\n''BEGIN_CALL_EVENT'$'\n''END_CALL_EVENT'$'\n''CALL_DATA_UPDATE_EVENT'$'\n''SET_CALL_DATA_REQ'$'\n''SET_CALL_DATA_CONF'$'\n''RELEASE_CALL_REQ'$'\n''RELEASE_CALL_CONF'$'\n''AGENT_STATE_EVENT'$'\n''SYSTEM_EVENT'$'\n''CLIENT_EVENT_REPORT_REQ'$'\n''CLIENT_EVENT_REPORT_CONF'$'\n''CALL_REACHED_NETWORK_EVENT'$'\n''CONTROL_FAILURE_CONF'$'\n''QUERY_AGENT_STATE_REQ'$'\n''QUERY_AGENT_STATE_CONF'$'\n''SET_AGENT_STATE_REQ'$'\n''SET_AGENT_STATE_CONF'$'\n''ALTERNATE_CALL_REQ'$'\n''ALTERNATE_CALL_CONF'$'\n''ANSWER_CALL_REQ'$'\n''ANSWER_CALL_CONF'$'\n''CLEAR_CALL_REQ'$'\n''CLEAR_CALL_CONF'$'\n''CLEAR_CONNECTION_REQ'$'\n''CLEAR_CONNECTION_CONF'$'\n''CONFERENCE_CALL_REQ'$'\n''CONFERENCE_CALL_CONF'$'\n''CONSULTATION_CALL_REQ'$'\n''CONSULTATION_CALL_CONF'$'\n''DEFLECT_CALL_REQ'$'\n''DEFLECT_CALL_CONF'$'\n''HOLD_CALL_REQ'$'\n''HOLD_CALL_CONF'$'\n''MAKE_CALL_REQ'$'\n''MAKE_CALL_CONF'$'\n''MAKE_PREDICTIVE_CALL_REQ'$'\n''MAKE_PREDICTIVE_CALL_CONF'$'\n''RECONNECT_CALL_REQ'$'\n''RECONNECT_CALL_CONF'$'\n''RETRIEVE_CALL_REQ'$'\n''RETRIEVE_CALL_CONF'$'\n''TRANSFER_CALL_REQ'$'\n''TRANSFER_CALL_CONF'$'\n''QUERY_DEVICE_INFO_REQ'$'\n''QUERY_DEVICE_INFO_CONF'$'\n''SNAPSHOT_CALL_REQ'$'\n''SNAPSHOT_CALL_CONF'$'\n''SNAPSHOT_DEVICE_REQ'$'\n''SNAPSHOT_DEVICE_CONF'$'\n''CALL_DEQUEUED_EVENT'$'\n''SEND_DTMF_SIGNAL_REQ'$'\n''SEND_DTMF_SIGNAL_CONF'$'\n''MONITOR_START_REQ'$'\n''MONITOR_START_CONF'$'\n''MONITOR_STOP_REQ'$'\n''MONITOR_STOP_CONF'$'\n''CHANGE_MONITOR_MASK_REQ'$'\n''CHANGE_MONITOR_MASK_CONF'$'\n''CLIENT_SESSION_OPENED_EVENT'$'\n''CLIENT_SESSION_CLOSED_EVENT'$'\n''SESSION_MONITOR_START_REQ'$'\n''SESSION_MONITOR_START_CONF'$'\n''SESSION_MONITOR_STOP_REQ'$'\n''SESSION_MONITOR_STOP_CONF'$'\n''AGENT_PRE_CALL_EVENT'$'\n''AGENT_PRE_CALL_ABORT_EVENT'$'\n''USER_MESSAGE_REQ'$'\n''USER_MESSAGE_CONF'$'\n''USER_MESSAGE_EVENT'$'\n''REGISTER_VARIABLES_REQ'$'\n''REGISTER_VARIABLES_CONF'$'\n''QUERY_AGENT_STATISTICS_REQ'$'\n''QUERY_AGENT_STATISTICS_CONF'$'\n''QUERY_SKILL_GROUP_STATISTICS_REQ'$'\n''QUERY_SKILL_GROUP_STATISTICS_CONF'$'\n''RTP_STARTED_EVENT'$'\n''RTP_STOPPED_EVENT'$'\n''SUPERVISOR_ASSIST_REQ'$'\n''SUPERVISOR_ASSIST_CONF'$'\n''EMERGENCY_CALL_REQ'$'\n''EMERGENCY_CALL_CONF'$'\n''EMERGENCY_CALL_EVENT'$'\n''SUPERVISE_CALL_REQ'$'\n''SUPERVISE_CALL_CONF'$'\n''AGENT_TEAM_CONFIG_EVENT'$'\n''SET_APP_DATA_REQ'$'\n''SET_APP_DATA_CONF'$'\n''AGENT_DESK_SETTINGS_REQ'$'\n''AGENT_DESK_SETTINGS_CONF'$'\n''LIST_AGENT_TEAM_REQ'$'\n''LIST_AGENT_TEAM_CONF'$'\n''MONITOR_AGENT_TEAM_START_REQ'$'\n''MONITOR_AGENT_TEAM_START_CONF'$'\n''MONITOR_AGENT_TEAM_STOP_REQ'$'\n''MONITOR_AGENT_TEAM_STOP_CONF'$'\n''BAD_CALL_REQ'$'\n''BAD_CALL_CONF'$'\n''SET_DEVICE_ATTRIBUTES_REQ'$'\n''SET_DEVICE_ATTRIBUTES_CONF'$'\n''REGISTER_SERVICE_REQ'$'\n''REGISTER_SERVICE_CONF'$'\n''UNREGISTER_SERVICE_REQ'$'\n''UNREGISTER_SERVICE_CONF'$'\n''START_RECORDING_REQ'$'\n''START_RECORDING_CONF'$'\n''STOP_RECORDING_REQ'$'\n''STOP_RECORDING_CONF'$'\n''CONFIG_REQUEST_KEY_EVENT'$'\n''CONFIG_KEY_EVENT'$'\n''CONFIG_REQUEST_EVENT'$'\n''CONFIG_BEGIN_EVENT'$'\n''CONFIG_END_EVENT'$'\n''CONFIG_SERVICE_EVENT'$'\n''CONFIG_SKILL_GROUP_EVENT'$'\n''CONFIG_AGENT_EVENT'$'\n''CONFIG_DEVICE_EVENT'$'\n''CALL_ATTRIBUTE_CHANGE_EVENT'$'\n''CONFIG_CALL_TYPE_EVENT'$'\n''CALL_AGENT_GREETING_EVENT'$'\n''AGENT_GREETING_CONTROL_REQ'$'\n''AGENT_GREETING_CONTROL_CONF'$'\n''CONFIG_MRD_EVENT'$'\n''CONFIG_PERIPHERAL_EVENT'$'\n''CONFIG_AGENT_DESK_SETTINGS_EVENT'$'\n''START_NETWORK_RECORDING_REQ'$'\n''START_NETWORK_RECORDING_CONF'$'\n''STOP_NETWORK_RECORDING_REQ'$'\n''STOP_NETWORK_RECORDING_CONF'$'\n''NETWORK_RECORDING_STARTED_EVENT'$'\n''NETWORK_RECORDING_ENDED_EVENT'$'\n''NETWORK_RECORDING_FAILED_EVENT'$'\n''NETWORK_RECORDING_TARGET_INFO_EVENT'$'\n''CONFIG_TERMINAL_EVENT'$'\n''STANDBY_ACTIVE_EVENT_MSG'$'\n''ACTIVE_MAINTENANCE_REQ_MSG'$'\n''ACTIVE_MAINTENANCE_RESP_MSG'$'\n''ACTIVE_MAINTENANCE_EVENT_MSG'$'\n''STOPPING_REQUESTS_TO_THIS_SIDE_IND'$'\n''CONFIG_AGENT_SERVICE_EVENT'$'\n''SET_AGENT_SERVICE_DATA_REQ'$'\n''SET_AGENT_SERVICE_DATA_CONF'$'\n''PERSISTENT_CALL_REQ'$'\n''PERSISTENT_CALL_CONF'
        return
        ;;
    *)
        __cti_add_completions -W "$(__cti_custom_complete ---completion encode -- positional@1 "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cti_simulate() {
    repeating_flags=()
    non_repeating_flags=(--logged-out --hide-persistent-in-snapshot --once --version -h --help)
    repeating_options=(--peripheral --agent)
    non_repeating_options=(--port-a --port-b --host --max-protocol --password-file --agents --remote-devices --rate --seed --persistent-per-node --persistent-per-cluster --scenario --replay --speed --replay-connection --tls-cert --tls-key --tls-ca)
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
    '--max-protocol')
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
    '--replay')
        return
        ;;
    '--speed')
        return
        ;;
    '--replay-connection')
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

_cti_proxy() {
    repeating_flags=()
    non_repeating_flags=(--tls --tls-insecure --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--listen --to --listen-b --to-b --protocol --tls-ca --tls-cert --tls-key --listen-tls-cert --listen-tls-key --listen-tls-ca -o --output --color --filter --count --timeout --record --record-format)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--listen')
        return
        ;;
    '--to')
        return
        ;;
    '--listen-b')
        return
        ;;
    '--to-b')
        return
        ;;
    '--protocol')
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
    '--listen-tls-cert')
        return
        ;;
    '--listen-tls-key')
        return
        ;;
    '--listen-tls-ca')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--filter')
        __cti_add_completions -W "$(__cti_custom_complete ---completion proxy -- --filter "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--count')
        return
        ;;
    '--timeout')
        return
        ;;
    '--record')
        __cti_add_completions -f
        return
        ;;
    '--record-format')
        __cti_add_completions -W 'raw'$'\n''pcap'
        return
        ;;
    esac
}

_cti_top() {
    repeating_flags=()
    non_repeating_flags=(--once --password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --version -h --help)
    repeating_options=()
    non_repeating_options=(--output -o --filter --from --timeout --refresh --host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key)
    __cti_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output'|'-o')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    '--filter')
        return
        ;;
    '--from')
        return
        ;;
    '--timeout')
        return
        ;;
    '--refresh')
        return
        ;;
    '--host')
        return
        ;;
    '--host-b')
        return
        ;;
    '--protocol')
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion top -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion top -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion top -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion top -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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

_cti_ladder() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --version -h --help)
    repeating_options=()
    non_repeating_options=(--from --format --connection --count --timeout --host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key)
    __cti_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--from')
        __cti_add_completions -f
        return
        ;;
    '--format')
        __cti_add_completions -W 'text'$'\n''mermaid'$'\n''svg'
        return
        ;;
    '--connection')
        return
        ;;
    '--count')
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion ladder -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion ladder -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion ladder -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion ladder -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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

_cti_doctor() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output)
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion doctor -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion doctor -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion doctor -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion doctor -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
    esac
}

_cti_load() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --persistent --bridge --yes --no-progress --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key --agents --agents-file --first-agent-id --first-instrument --duration --ramp --answer-after --talk --wrap-up --not-ready --not-ready-time --reason-codes --make-rate --dial --call-rate --fail-side --at --seed -o --output)
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion load -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion load -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion load -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion load -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
    '--agents')
        return
        ;;
    '--agents-file')
        __cti_add_completions -o plusdirs -fX '!*.@(csv|txt)'
        return
        ;;
    '--first-agent-id')
        return
        ;;
    '--first-instrument')
        return
        ;;
    '--duration')
        return
        ;;
    '--ramp')
        return
        ;;
    '--answer-after')
        return
        ;;
    '--talk')
        return
        ;;
    '--wrap-up')
        return
        ;;
    '--not-ready')
        return
        ;;
    '--not-ready-time')
        return
        ;;
    '--reason-codes')
        return
        ;;
    '--make-rate')
        return
        ;;
    '--dial')
        return
        ;;
    '--call-rate')
        return
        ;;
    '--fail-side')
        return
        ;;
    '--at')
        return
        ;;
    '--seed')
        return
        ;;
    '-o'|'--output')
        __cti_add_completions -W 'text'$'\n''json'
        return
        ;;
    esac
}

_cti_wait() {
    repeating_flags=()
    non_repeating_flags=(--password-prompt --no-config --tls --tls-insecure --embedded --no-embedded --quiet -q --verbose -v --hex --lifecycle --version -h --help)
    repeating_options=()
    non_repeating_options=(--timeout --host --host-b --protocol --client-id --password --password-file --peripheral --services --call-mask --agent-mask --config-mask --agent-id --agent-ext --instrument --heartbeat --connect-timeout --profile --config --tls-ca --tls-cert --tls-key -o --output --color)
    __cti_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
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
        __cti_add_completions -W '20'$'\n''21'$'\n''22'$'\n''23'$'\n''24'$'\n''25'$'\n''auto'
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
        __cti_add_completions -W "$(__cti_custom_complete ---completion wait -- --services "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--call-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion wait -- --call-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--agent-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion wait -- --agent-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
        return
        ;;
    '--config-mask')
        __cti_add_completions -W "$(__cti_custom_complete ---completion wait -- --config-mask "${COMP_CWORD}" "$(__cti_cursor_index_in_current_word)")"
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
        __cti_add_completions -W 'text'$'\n''json'$'\n''hex'$'\n''raw'
        return
        ;;
    '--color')
        __cti_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_cti_sleep() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cti_offer_flags_options 1
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
