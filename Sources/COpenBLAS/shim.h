// Debian's libopenblas-dev puts cblas.h in /usr/include/x86_64-linux-gnu (an alternatives link).
#include <cblas.h>
