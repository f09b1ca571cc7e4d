// libpcap: reads pcap and pcapng capture files (pcap_open_offline, pcap_fopen_offline) and
// writes pcap (pcap_open_dead + pcap_dump). Debian: libpcap-dev.
#include <stdio.h>
#include <pcap/pcap.h>
