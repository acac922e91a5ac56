// libxlsxwriter writes XLSX files (zipped Office Open XML). Install it with:
// apt-get install libxlsxwriter-dev. The module map links "xlsxwriter" by name
// (Debian's xlsxwriter.pc would add -lz, which needs zlib1g-dev besides).
#include <xlsxwriter.h>
