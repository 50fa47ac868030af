// CSimulationCore is header-only (see include/CSimulationCore.h); SwiftPM needs one source file.
#include "CSimulationCore.h"
