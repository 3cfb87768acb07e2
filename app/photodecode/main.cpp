// examsite-photo-decode: decodes one ID-card photo with the vendor's library, in a process of its own
// (hardware/idcard/photodecodehelper.h).
#include "idcard/photodecodehelper.h"

int main(int argc, char *argv[])
{
    return examsite::idcard::runPhotoDecodeHelper(argc, argv);
}
