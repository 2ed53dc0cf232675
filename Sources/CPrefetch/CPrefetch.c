// The module's one function is inline, in include/CPrefetch.h; SwiftPM needs a source file to build a C target.
#include "CPrefetch.h"
