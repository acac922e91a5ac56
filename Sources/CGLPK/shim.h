// Debian's libglpk-dev ships glpk.h but no pkg-config file, so the module map
// links "glpk" by name. Install it with: apt-get install libglpk-dev
#include <glpk.h>
