// Re-reading a list model's rows without disturbing the view: when the fresh rows are the same items in
// the same order (only their figures or states changed), the model says which data changed and the
// list keeps its scroll position and selection; otherwise it resets.
#pragma once

#include <QList>

#include <algorithm>

namespace examsite {

/// True when `a` and `b` hold the same items (by `key`) in the same order.
template <typename Row, typename Key> bool sameItems(const QList<Row> &a, const QList<Row> &b, Key key)
{
    return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(),
                      [&key](const Row &x, const Row &y) { return key(x) == key(y); });
}

} // namespace examsite
