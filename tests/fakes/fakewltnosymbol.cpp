// A decoder library whose function has another name than the one the product expects ('unpack'), as
// some vendors' have: the sandbox must say "no symbol", not crash.
extern "C" __attribute__((visibility("default"))) int WltDecode(char *wlt, char *bmp, int saveToFile)
{
    (void)wlt;
    (void)bmp;
    (void)saveToFile;
    return 1;
}
