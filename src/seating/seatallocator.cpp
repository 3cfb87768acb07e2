#include "seating/seatallocator.h"

#include "core/error.h"
#include "seating/seatrandom.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <QJsonArray>
#include <queue>
#include <set>

namespace examsite::seating {

namespace {

constexpr int kNoGroup = -1;
constexpr long kPackingBudget = 100000; ///< search nodes per room before the heuristic takes over
constexpr int kMaxPasses = 40;          ///< local-search passes per room
constexpr int kMaxTargets = 400;        ///< seats tried per conflicted candidate in large rooms

int lattice(int row, int col)
{
    return (row & 1) * 2 + (col & 1);
}

/// The plan in integer form, in canonical order (rooms and candidates sorted by id).
struct Model
{
    explicit Model(const PlanInput &p) : plan(p)
    {
        roomOrder.resize(size_t(plan.rooms.size()));
        std::iota(roomOrder.begin(), roomOrder.end(), 0);
        std::sort(roomOrder.begin(), roomOrder.end(),
                  [&](int a, int b) { return plan.rooms[a].id < plan.rooms[b].id; });
        candOrder.resize(size_t(plan.candidates.size()));
        std::iota(candOrder.begin(), candOrder.end(), 0);
        std::sort(candOrder.begin(), candOrder.end(),
                  [&](int a, int b) { return plan.candidates[a].id < plan.candidates[b].id; });

        std::set<QString> types, groups;
        for (const CandidateSpec &c : plan.candidates) {
            types.insert(c.workstation);
            if (!c.group.isEmpty())
                groups.insert(c.group);
        }
        for (const RoomSpec &r : plan.rooms)
            for (const SeatSpec &s : r.seats)
                types.insert(s.workstation);
        typeNames.assign(types.begin(), types.end());
        std::map<QString, int> typeIndex, groupIndex;
        for (const QString &t : typeNames)
            typeIndex.emplace(t, int(typeIndex.size()));
        for (const QString &g : groups)
            groupIndex.emplace(g, int(groupIndex.size()));
        groupCount = int(groups.size());

        candType.resize(size_t(plan.candidates.size()));
        candGroup.resize(size_t(plan.candidates.size()));
        candAcc.resize(size_t(plan.candidates.size()));
        for (qsizetype i = 0; i < plan.candidates.size(); ++i) {
            const CandidateSpec &c = plan.candidates[i];
            candType[size_t(i)] = typeIndex.at(c.workstation);
            candGroup[size_t(i)] = c.group.isEmpty() ? kNoGroup : groupIndex.at(c.group);
            candAcc[size_t(i)] = c.needsAccessible;
        }
        const size_t T = typeNames.size();
        seatType.resize(size_t(plan.rooms.size()));
        cap.assign(size_t(plan.rooms.size()), std::vector<int>(T, 0));
        accCap = cap;
        for (qsizetype r = 0; r < plan.rooms.size(); ++r) {
            const RoomSpec &room = plan.rooms[r];
            std::vector<int> &st = seatType[size_t(r)];
            st.resize(room.seats.size());
            for (size_t s = 0; s < room.seats.size(); ++s) {
                st[s] = typeIndex.at(room.seats[s].workstation);
                if (!room.seats[s].disabled) {
                    ++cap[size_t(r)][size_t(st[s])];
                    if (room.seats[s].accessible)
                        ++accCap[size_t(r)][size_t(st[s])];
                }
            }
        }
    }

    const PlanInput &plan;
    std::vector<int> roomOrder, candOrder;
    std::vector<QString> typeNames;
    int groupCount = 0;
    std::vector<int> candType, candGroup;
    std::vector<char> candAcc;
    std::vector<std::vector<int>> seatType;    ///< per room, per seat
    std::vector<std::vector<int>> cap, accCap; ///< per room, per type: usable (accessible) seats
};

struct TypeTotals
{
    int need = 0, accNeed = 0, cap = 0, accCap = 0;
};

std::vector<TypeTotals> totals(const Model &m)
{
    std::vector<TypeTotals> t(m.typeNames.size());
    for (size_t c = 0; c < m.candType.size(); ++c) {
        ++t[size_t(m.candType[c])].need;
        if (m.candAcc[c])
            ++t[size_t(m.candType[c])].accNeed;
    }
    for (size_t r = 0; r < m.cap.size(); ++r)
        for (size_t k = 0; k < t.size(); ++k) {
            t[k].cap += m.cap[r][k];
            t[k].accCap += m.accCap[r][k];
        }
    return t;
}

/// Integer shares with lo[i] <= n[i] <= cap[i] and sum = total, each as close to total * cap[i] / C
/// as the bounds allow (largest remainder; exact integer arithmetic; ties by `tie`).
std::vector<int> apportion(int total, const std::vector<int> &cap, const std::vector<int> &lo,
                           const std::vector<uint64_t> &tie)
{
    const size_t n = cap.size();
    const qint64 C = std::accumulate(cap.begin(), cap.end(), qint64(0));
    std::vector<int> out(n, 0);
    if (C == 0 || total == 0)
        return out;
    std::vector<qint64> ideal(n); // total * cap / C, as a numerator over C
    qint64 sum = 0;
    for (size_t i = 0; i < n; ++i) {
        ideal[i] = qint64(total) * cap[i];
        out[i] = std::max(lo[i], int(ideal[i] / C));
        sum += out[i];
    }
    const auto remainder = [&](size_t i) { return ideal[i] - qint64(out[i]) * C; };
    while (sum < total) {
        size_t best = n;
        for (size_t i = 0; i < n; ++i)
            if (out[i] < cap[i] && (best == n || remainder(i) > remainder(best) ||
                                    (remainder(i) == remainder(best) && tie[i] < tie[best])))
                best = i;
        ++out[best];
        ++sum;
    }
    while (sum > total) {
        size_t best = n;
        for (size_t i = 0; i < n; ++i)
            if (out[i] > lo[i] && (best == n || remainder(i) < remainder(best) ||
                                   (remainder(i) == remainder(best) && tie[i] < tie[best])))
                best = i;
        --out[best];
        --sum;
    }
    return out;
}

/// Room indices, one per slot, interleaved: room i's j-th slot sits at (2j+1) / (2 m[i]) of the way,
/// so any run of consecutive slots meets the rooms in proportion to their shares.
std::vector<int> interleave(const std::vector<int> &m, const std::vector<uint64_t> &tie)
{
    struct Next
    {
        int room, j;
    };
    const auto later = [&](const Next &a, const Next &b) {
        const qint64 lhs = qint64(2 * a.j + 1) * m[size_t(b.room)];
        const qint64 rhs = qint64(2 * b.j + 1) * m[size_t(a.room)];
        if (lhs != rhs)
            return lhs > rhs;
        return tie[size_t(a.room)] > tie[size_t(b.room)];
    };
    std::priority_queue<Next, std::vector<Next>, decltype(later)> heap(later);
    size_t total = 0;
    for (size_t i = 0; i < m.size(); ++i) {
        total += size_t(m[i]);
        if (m[i] > 0)
            heap.push({int(i), 0});
    }
    std::vector<int> out;
    out.reserve(total);
    while (!heap.empty()) {
        const Next n = heap.top();
        heap.pop();
        out.push_back(n.room);
        if (n.j + 1 < m[size_t(n.room)])
            heap.push({n.room, n.j + 1});
    }
    return out;
}

/// Candidates in dealing order: groups in a seeded order, each group's members together in a
/// seeded order, candidates without a group last.
std::vector<int> groupedSequence(std::vector<int> cands, const Model &m, SeatRandom &rng,
                                 std::vector<uint64_t> &groupRank)
{
    rng.shuffle(cands);
    std::stable_sort(cands.begin(), cands.end(), [&](int a, int b) {
        const int ga = m.candGroup[size_t(a)], gb = m.candGroup[size_t(b)];
        const uint64_t ra = ga == kNoGroup ? UINT64_MAX : groupRank[size_t(ga)];
        const uint64_t rb = gb == kNoGroup ? UINT64_MAX : groupRank[size_t(gb)];
        return ra < rb;
    });
    return cands;
}

/// Seats the candidates dealt to one room.
class RoomPlacer
{
public:
    RoomPlacer(const RoomSpec &room, const std::vector<int> &seatType, const std::vector<int> &members,
               const Model &m, SeatRandom rng)
        : m_rows(room.rows), m_cols(room.cols), m_rng(std::move(rng))
    {
        const size_t n = room.seats.size();
        m_usable.resize(n);
        m_acc.resize(n);
        m_type = seatType;
        for (size_t s = 0; s < n; ++s) {
            m_usable[s] = !room.seats[s].disabled;
            m_acc[s] = room.seats[s].accessible;
        }
        m_occ.assign(n, -1);
        for (int c : members) {
            m_group.push_back(m.candGroup[size_t(c)]);
            m_mtype.push_back(m.candType[size_t(c)]);
            m_needs.push_back(m.candAcc[size_t(c)]);
        }
        m_seatOf.assign(members.size(), -1);
        m_order.resize(n);
        std::iota(m_order.begin(), m_order.end(), 0);
        m_rng.shuffle(m_order);
    }

    /// Seat index per member.
    std::vector<int> run()
    {
        if (!packIntoLattices())
            placeGreedily();
        improve();
        return m_seatOf;
    }

private:
    struct Item
    {
        std::vector<int> members;
        std::vector<int> dem, adem; ///< per local type: members, members needing an accessible seat
        int size = 0, needers = 0;
        uint64_t rank = 0;
    };

    bool compatible(int member, int seat) const
    {
        return m_usable[size_t(seat)] && m_type[size_t(seat)] == m_mtype[size_t(member)] &&
               (m_acc[size_t(seat)] || !m_needs[size_t(member)]);
    }

    void place(int member, int seat)
    {
        m_occ[size_t(seat)] = member;
        m_seatOf[size_t(member)] = seat;
    }

    /// Same-group neighbours `group` would have at `seat`, ignoring whoever sits at `ignore`.
    int conflictsAt(int seat, int group, int ignore) const
    {
        if (group == kNoGroup)
            return 0;
        const int r = seat / m_cols, c = seat % m_cols;
        int n = 0;
        for (int dr = -1; dr <= 1; ++dr) {
            const int rr = r + dr;
            if (rr < 0 || rr >= m_rows)
                continue;
            for (int dc = -1; dc <= 1; ++dc) {
                const int cc = c + dc;
                if ((dr == 0 && dc == 0) || cc < 0 || cc >= m_cols)
                    continue;
                const int t = rr * m_cols + cc;
                if (t != ignore && m_occ[size_t(t)] >= 0 && m_group[size_t(m_occ[size_t(t)])] == group)
                    ++n;
            }
        }
        return n;
    }

    /// Every group (and every candidate without a group who needs an accessible seat) goes whole
    /// into one of the four lattices {(r%2, c%2)}: no two seats of a lattice touch, so the room ends
    /// with no same-group neighbours. Worst-fit decreasing first, then an exhaustive search within a
    /// budget. False when neither finds a packing.
    bool packIntoLattices()
    {
        std::map<int, int> localType;
        for (int t : m_mtype)
            localType.emplace(t, 0);
        int K = 0;
        for (auto &[t, k] : localType)
            k = K++;
        std::vector<int> cap(size_t(4 * K), 0), acap(size_t(4 * K), 0);
        for (int s : m_order)
            if (m_usable[size_t(s)] && localType.count(m_type[size_t(s)])) {
                const size_t i =
                    size_t(lattice(s / m_cols, s % m_cols) * K + localType.at(m_type[size_t(s)]));
                ++cap[i];
                if (m_acc[size_t(s)])
                    ++acap[i];
            }

        std::map<int, size_t> itemOfGroup;
        std::vector<Item> items;
        std::vector<int> fillers;
        for (size_t i = 0; i < m_group.size(); ++i) {
            const int g = m_group[i];
            if (g == kNoGroup && !m_needs[i]) {
                fillers.push_back(int(i));
                continue;
            }
            size_t at;
            if (g == kNoGroup) {
                at = items.size();
                items.emplace_back();
            } else {
                const auto [it, fresh] = itemOfGroup.emplace(g, items.size());
                if (fresh)
                    items.emplace_back();
                at = it->second;
            }
            Item &item = items[at];
            if (item.dem.empty()) {
                item.dem.assign(size_t(K), 0);
                item.adem.assign(size_t(K), 0);
            }
            const int k = localType.at(m_mtype[i]);
            item.members.push_back(int(i));
            ++item.dem[size_t(k)];
            ++item.size;
            if (m_needs[i]) {
                ++item.adem[size_t(k)];
                ++item.needers;
            }
        }
        for (Item &item : items)
            item.rank = m_rng.next();
        std::sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
            if (a.size != b.size)
                return a.size > b.size;
            if (a.needers != b.needers)
                return a.needers > b.needers;
            return a.rank < b.rank;
        });
        std::vector<int> latticeOrder = {0, 1, 2, 3};
        m_rng.shuffle(latticeOrder);

        std::vector<int> used(size_t(4 * K), 0), usedAcc(size_t(4 * K), 0);
        const auto fits = [&](const Item &item, int L) {
            for (int k = 0; k < K; ++k) {
                const size_t i = size_t(L * K + k);
                if (used[i] + item.dem[size_t(k)] > cap[i] || usedAcc[i] + item.adem[size_t(k)] > acap[i])
                    return false;
            }
            return true;
        };
        const auto apply = [&](const Item &item, int L, int sign) {
            for (int k = 0; k < K; ++k) {
                used[size_t(L * K + k)] += sign * item.dem[size_t(k)];
                usedAcc[size_t(L * K + k)] += sign * item.adem[size_t(k)];
            }
        };
        const auto free = [&](int L) {
            int f = 0;
            for (int k = 0; k < K; ++k)
                f += cap[size_t(L * K + k)] - used[size_t(L * K + k)];
            return f;
        };
        std::vector<int> binOf(items.size(), -1);
        bool packed = true;
        for (size_t i = 0; i < items.size() && packed; ++i) {
            int best = -1;
            for (int L : latticeOrder)
                if (fits(items[i], L) && (best < 0 || free(L) > free(best)))
                    best = L;
            if (best < 0)
                packed = false;
            else {
                binOf[i] = best;
                apply(items[i], best, +1);
            }
        }
        if (!packed) {
            std::fill(used.begin(), used.end(), 0);
            std::fill(usedAcc.begin(), usedAcc.end(), 0);
            long nodes = 0;
            const auto sameRemaining = [&](int a, int b) {
                for (int k = 0; k < K; ++k) {
                    const size_t ia = size_t(a * K + k), ib = size_t(b * K + k);
                    if (cap[ia] - used[ia] != cap[ib] - used[ib] ||
                        acap[ia] - usedAcc[ia] != acap[ib] - usedAcc[ib])
                        return false;
                }
                return true;
            };
            std::function<bool(size_t)> search = [&](size_t i) -> bool {
                if (i == items.size())
                    return true;
                if (++nodes > kPackingBudget)
                    return false;
                for (size_t li = 0; li < 4; ++li) {
                    const int L = latticeOrder[li];
                    if (!fits(items[i], L))
                        continue;
                    bool tried = false;
                    for (size_t lj = 0; lj < li && !tried; ++lj)
                        tried = sameRemaining(latticeOrder[lj], L);
                    if (tried)
                        continue;
                    apply(items[i], L, +1);
                    binOf[i] = L;
                    if (search(i + 1))
                        return true;
                    apply(items[i], L, -1);
                }
                return false;
            };
            if (!search(0))
                return false;
        }

        // Seats: each lattice's accessible and plain seats per type, in the room's seeded order.
        std::vector<std::vector<int>> accSeats(size_t(4 * K)), plainSeats(size_t(4 * K));
        for (int s : m_order)
            if (m_usable[size_t(s)] && localType.count(m_type[size_t(s)])) {
                const size_t i =
                    size_t(lattice(s / m_cols, s % m_cols) * K + localType.at(m_type[size_t(s)]));
                (m_acc[size_t(s)] ? accSeats : plainSeats)[i].push_back(s);
            }
        const auto take = [&](std::vector<int> &first, std::vector<int> &second) {
            std::vector<int> &from = first.empty() ? second : first;
            const int s = from.back();
            from.pop_back();
            return s;
        };
        // Those who need an accessible seat first, so nobody else takes theirs; then the others,
        // plain seats before accessible ones.
        for (size_t i = 0; i < items.size(); ++i)
            for (int member : items[i].members)
                if (m_needs[size_t(member)]) {
                    const size_t b = size_t(binOf[i] * K + localType.at(m_mtype[size_t(member)]));
                    place(member, take(accSeats[b], accSeats[b]));
                }
        for (size_t i = 0; i < items.size(); ++i)
            for (int member : items[i].members)
                if (!m_needs[size_t(member)]) {
                    const size_t b = size_t(binOf[i] * K + localType.at(m_mtype[size_t(member)]));
                    place(member, take(plainSeats[b], accSeats[b]));
                }
        for (int member : fillers) {
            const int k = localType.at(m_mtype[size_t(member)]);
            int seat = -1;
            for (int pass = 0; pass < 2 && seat < 0; ++pass)
                for (int L : latticeOrder) {
                    std::vector<int> &v = (pass == 0 ? plainSeats : accSeats)[size_t(L * K + k)];
                    if (!v.empty()) {
                        seat = v.back();
                        v.pop_back();
                        break;
                    }
                }
            place(member, seat);
        }
        return true;
    }

    /// When the groups cannot be packed: accessible needs first, then each group from a home lattice
    /// outwards, every candidate to the free seat with the fewest same-group neighbours.
    void placeGreedily()
    {
        std::fill(m_occ.begin(), m_occ.end(), -1);
        std::fill(m_seatOf.begin(), m_seatOf.end(), -1);
        std::map<int, std::vector<int>> byGroup;
        std::vector<int> needers, loose;
        for (size_t i = 0; i < m_group.size(); ++i) {
            if (m_needs[i])
                needers.push_back(int(i));
            else if (m_group[i] == kNoGroup)
                loose.push_back(int(i));
            else
                byGroup[m_group[i]].push_back(int(i));
        }
        // Fewest same-group neighbours; then plain seats before accessible ones; then seeded order.
        const auto bestSeat = [&](int member, int preferLattice) {
            int best = -1, bestScore = INT_MAX;
            for (int s : m_order) {
                if (m_occ[size_t(s)] >= 0 || !compatible(member, s))
                    continue;
                const int score =
                    conflictsAt(s, m_group[size_t(member)], -1) * 4 +
                    (m_acc[size_t(s)] && !m_needs[size_t(member)] ? 2 : 0) +
                    (preferLattice >= 0 && lattice(s / m_cols, s % m_cols) != preferLattice ? 1 : 0);
                if (score < bestScore) {
                    best = s;
                    bestScore = score;
                    if (score == 0)
                        break;
                }
            }
            return best;
        };
        for (int member : needers)
            place(member, bestSeat(member, -1));
        std::vector<std::pair<int, int>> groups; // size, group
        for (const auto &[g, v] : byGroup)
            groups.emplace_back(int(v.size()), g);
        std::stable_sort(groups.begin(), groups.end(), [](auto a, auto b) { return a.first > b.first; });
        for (const auto &[size, g] : groups) {
            int freeIn[4] = {0, 0, 0, 0};
            for (size_t s = 0; s < m_occ.size(); ++s)
                if (m_usable[s] && m_occ[s] < 0)
                    ++freeIn[lattice(int(s) / m_cols, int(s) % m_cols)];
            const int home = int(std::max_element(freeIn, freeIn + 4) - freeIn);
            for (int member : byGroup[g])
                place(member, bestSeat(member, home));
        }
        for (int member : loose)
            place(member, bestSeat(member, -1));
    }

    /// Local search: move a candidate with same-group neighbours to a free seat, or swap with a
    /// candidate of another group, whenever that lowers the room's count; until nothing helps.
    void improve()
    {
        std::vector<int> members(m_seatOf.size());
        std::iota(members.begin(), members.end(), 0);
        m_rng.shuffle(members);
        std::vector<int> targets = m_order;
        for (int pass = 0; pass < kMaxPasses; ++pass) {
            bool improved = false;
            for (int c : members) {
                const int g = m_group[size_t(c)];
                const int s = m_seatOf[size_t(c)];
                if (g == kNoGroup || s < 0 || conflictsAt(s, g, -1) == 0)
                    continue;
                if (targets.size() > size_t(kMaxTargets))
                    m_rng.shuffle(targets);
                const size_t tries = std::min(targets.size(), size_t(kMaxTargets));
                int bestDelta = 0, bestTarget = -1;
                for (size_t i = 0; i < tries; ++i) {
                    const int t = targets[i];
                    if (t == s || !compatible(c, t))
                        continue;
                    const int d = m_occ[size_t(t)];
                    if (d >= 0 && (m_group[size_t(d)] == g || !compatible(d, s)))
                        continue;
                    const int before =
                        conflictsAt(s, g, -1) + (d >= 0 ? conflictsAt(t, m_group[size_t(d)], -1) : 0);
                    const int after =
                        conflictsAt(t, g, s) + (d >= 0 ? conflictsAt(s, m_group[size_t(d)], t) : 0);
                    if (after - before < bestDelta) {
                        bestDelta = after - before;
                        bestTarget = t;
                    }
                }
                if (bestTarget >= 0) {
                    const int d = m_occ[size_t(bestTarget)];
                    m_occ[size_t(s)] = -1;
                    if (d >= 0)
                        place(d, s);
                    place(c, bestTarget);
                    improved = true;
                }
            }
            if (!improved)
                break;
        }
    }

    int m_rows, m_cols;
    SeatRandom m_rng;
    std::vector<char> m_usable, m_acc;
    std::vector<int> m_type, m_occ, m_order;
    std::vector<int> m_group, m_mtype, m_seatOf;
    std::vector<char> m_needs;
};

QString shortfallLines(const Model &m, const std::vector<TypeTotals> &t, QStringList *lines)
{
    for (size_t k = 0; k < t.size(); ++k) {
        const QString &type = m.typeNames[k];
        if (t[k].accNeed > t[k].accCap)
            lines->append(QStringLiteral("accessible seats (workstation '%1'): %2 candidates need one but "
                                         "only %3 usable accessible "
                                         "seats of that type exist (short by %4)")
                              .arg(type)
                              .arg(t[k].accNeed)
                              .arg(t[k].accCap)
                              .arg(t[k].accNeed - t[k].accCap));
        if (t[k].need > t[k].cap)
            lines->append(
                QStringLiteral(
                    "workstation '%1': %2 candidates but only %3 usable seats of that type (short by %4)")
                    .arg(type)
                    .arg(t[k].need)
                    .arg(t[k].cap)
                    .arg(t[k].need - t[k].cap));
    }
    return {};
}

} // namespace

QStringList feasibilityProblems(const PlanInput &plan)
{
    const Model m(plan);
    QStringList lines;
    shortfallLines(m, totals(m), &lines);
    return lines;
}

AllocationResult allocateSeats(const PlanInput &plan, const QByteArray &seed,
                               const AllocationOptions &options)
{
    const Model m(plan);
    const std::vector<TypeTotals> tot = totals(m);
    QStringList problems;
    shortfallLines(m, tot, &problems);
    if (!problems.isEmpty() && !options.partial)
        throw Error(ErrorKind::Input,
                    QStringLiteral("the plan cannot be seated:\n  ") + problems.join(QStringLiteral("\n  ")));

    AllocationResult result;
    result.seed = seed;
    const size_t T = m.typeNames.size();
    const size_t R = size_t(plan.rooms.size());

    SeatRandom orderRng(seed, "order");
    std::vector<uint64_t> groupRank(size_t(m.groupCount));
    for (uint64_t &r : groupRank)
        r = orderRng.next();

    // Candidates per type, split by need, in canonical order; with `partial`, the last ones of a
    // seeded order are left out where seats run short.
    std::vector<std::vector<int>> needers(T), others(T);
    for (int c : m.candOrder)
        (m.candAcc[size_t(c)] ? needers : others)[size_t(m.candType[size_t(c)])].push_back(c);
    for (size_t k = 0; k < T; ++k) {
        if (!options.partial)
            break;
        const auto drop = [&](std::vector<int> &v, int keep, const QString &why) {
            if (int(v.size()) <= keep)
                return;
            orderRng.shuffle(v);
            for (size_t i = size_t(keep); i < v.size(); ++i)
                result.unassigned.push_back({v[i], why});
            v.resize(size_t(keep));
            std::sort(v.begin(), v.end(),
                      [&](int a, int b) { return plan.candidates[a].id < plan.candidates[b].id; });
        };
        drop(needers[k], tot[k].accCap,
             QStringLiteral("no accessible seat with workstation '%1' left").arg(m.typeNames[k]));
        drop(others[k], tot[k].cap - int(needers[k].size()),
             QStringLiteral("no seat with workstation '%1' left").arg(m.typeNames[k]));
    }
    std::sort(result.unassigned.begin(), result.unassigned.end(),
              [&](const Unassigned &a, const Unassigned &b) {
                  return plan.candidates[a.candidate].id < plan.candidates[b.candidate].id;
              });

    // Deal each type's candidates to rooms: shares proportional to the rooms' seats of that type
    // (accessible needs first), each group spread over the rooms as evenly as the shares allow.
    std::vector<std::vector<int>> roomMembers(R);
    for (size_t k = 0; k < T; ++k) {
        if (needers[k].empty() && others[k].empty())
            continue;
        SeatRandom rng(seed, "deal/" + m.typeNames[k].toUtf8());
        std::vector<int> rooms; // canonical order
        for (int r : m.roomOrder)
            if (m.cap[size_t(r)][k] > 0)
                rooms.push_back(r);
        std::vector<uint64_t> tie(rooms.size());
        std::vector<int> cap(rooms.size()), acc(rooms.size()), zero(rooms.size(), 0);
        for (size_t i = 0; i < rooms.size(); ++i) {
            tie[i] = rng.next();
            cap[i] = m.cap[size_t(rooms[i])][k];
            acc[i] = m.accCap[size_t(rooms[i])][k];
        }
        const int nNeed = int(needers[k].size());
        const std::vector<int> a = apportion(nNeed, acc, zero, tie);
        const std::vector<int> n = apportion(nNeed + int(others[k].size()), cap, a, tie);
        std::vector<int> rest(rooms.size());
        for (size_t i = 0; i < rooms.size(); ++i)
            rest[i] = n[i] - a[i];
        const auto deal = [&](const std::vector<int> &cands, const std::vector<int> &shares) {
            const std::vector<int> seq = groupedSequence(cands, m, rng, groupRank);
            const std::vector<int> slots = interleave(shares, tie);
            for (size_t i = 0; i < seq.size(); ++i)
                roomMembers[size_t(rooms[size_t(slots[i])])].push_back(seq[i]);
        };
        deal(needers[k], a);
        deal(others[k], rest);
    }

    for (int r : m.roomOrder) {
        const std::vector<int> &members = roomMembers[size_t(r)];
        if (members.empty())
            continue;
        const RoomSpec &room = plan.rooms[r];
        RoomPlacer placer(room, m.seatType[size_t(r)], members, m,
                          SeatRandom(seed, "room/" + room.id.toUtf8()));
        const std::vector<int> seats = placer.run();
        std::vector<Assignment> here;
        for (size_t i = 0; i < members.size(); ++i)
            here.push_back({members[i], r, seats[i] / room.cols, seats[i] % room.cols});
        std::sort(here.begin(), here.end(), [](const Assignment &a, const Assignment &b) {
            return a.row != b.row ? a.row < b.row : a.col < b.col;
        });
        result.assignments.insert(result.assignments.end(), here.begin(), here.end());
    }
    result.adjacentSameGroup = countAdjacentSameGroup(plan, result.assignments);
    return result;
}

QStringList checkAssignments(const PlanInput &plan, const std::vector<Assignment> &assignments)
{
    QStringList problems;
    std::vector<int> seen(size_t(plan.candidates.size()), 0);
    std::vector<std::vector<int>> taken(size_t(plan.rooms.size()));
    for (const Assignment &a : assignments) {
        if (a.candidate < 0 || a.candidate >= plan.candidates.size() || a.room < 0 ||
            a.room >= plan.rooms.size()) {
            problems.append(QStringLiteral("assignment refers to an unknown candidate or room"));
            continue;
        }
        const CandidateSpec &c = plan.candidates[a.candidate];
        const RoomSpec &room = plan.rooms[a.room];
        if (++seen[size_t(a.candidate)] == 2)
            problems.append(QStringLiteral("candidate %1 holds more than one seat").arg(c.id));
        if (a.row < 0 || a.row >= room.rows || a.col < 0 || a.col >= room.cols) {
            problems.append(QStringLiteral("candidate %1: seat [%2,%3] is outside room %4")
                                .arg(c.id)
                                .arg(a.row)
                                .arg(a.col)
                                .arg(room.id));
            continue;
        }
        std::vector<int> &t = taken[size_t(a.room)];
        if (t.empty())
            t.assign(room.seats.size(), -1);
        const size_t s = size_t(a.row * room.cols + a.col);
        if (t[s] >= 0)
            problems.append(QStringLiteral("room %1 seat [%2,%3] holds both %4 and %5")
                                .arg(room.id)
                                .arg(a.row)
                                .arg(a.col)
                                .arg(plan.candidates[t[s]].id, c.id));
        t[s] = a.candidate;
        const SeatSpec &seat = room.seats[s];
        if (seat.disabled)
            problems.append(QStringLiteral("candidate %1: room %2 seat [%3,%4] is disabled")
                                .arg(c.id, room.id)
                                .arg(a.row)
                                .arg(a.col));
        if (seat.workstation != c.workstation)
            problems.append(
                QStringLiteral("candidate %1 needs workstation '%2' but room %3 seat [%4,%5] is '%6'")
                    .arg(c.id, c.workstation, room.id)
                    .arg(a.row)
                    .arg(a.col)
                    .arg(seat.workstation));
        if (c.needsAccessible && !seat.accessible)
            problems.append(
                QStringLiteral("candidate %1 needs an accessible seat but room %2 seat [%3,%4] is not one")
                    .arg(c.id, room.id)
                    .arg(a.row)
                    .arg(a.col));
    }
    return problems;
}

int countAdjacentSameGroup(const PlanInput &plan, const std::vector<Assignment> &assignments)
{
    std::vector<std::vector<const QString *>> grid(size_t(plan.rooms.size()));
    for (const Assignment &a : assignments) {
        const RoomSpec &room = plan.rooms[a.room];
        std::vector<const QString *> &g = grid[size_t(a.room)];
        if (g.empty())
            g.assign(room.seats.size(), nullptr);
        const QString &group = plan.candidates[a.candidate].group;
        if (!group.isEmpty())
            g[size_t(a.row * room.cols + a.col)] = &group;
    }
    int pairs = 0;
    for (qsizetype r = 0; r < plan.rooms.size(); ++r) {
        const std::vector<const QString *> &g = grid[size_t(r)];
        if (g.empty())
            continue;
        const int rows = plan.rooms[r].rows, cols = plan.rooms[r].cols;
        const auto same = [&](int r1, int c1, int r2, int c2) {
            if (r2 < 0 || r2 >= rows || c2 < 0 || c2 >= cols)
                return false;
            const QString *a = g[size_t(r1 * cols + c1)], *b = g[size_t(r2 * cols + c2)];
            return a && b && *a == *b;
        };
        // Each pair once: right, down-left, down, down-right.
        for (int row = 0; row < rows; ++row)
            for (int col = 0; col < cols; ++col)
                pairs += same(row, col, row, col + 1) + same(row, col, row + 1, col - 1) +
                         same(row, col, row + 1, col) + same(row, col, row + 1, col + 1);
    }
    return pairs;
}

int adjacencyLowerBound(const PlanInput &plan)
{
    const Model m(plan);
    const size_t T = m.typeNames.size();
    // Per type: how many 2x2 blocks hold at least 1, 2, 3, 4 usable seats of it, and the sum over
    // blocks of min(seats, g) for the coupled bound.
    std::vector<std::array<qint64, 5>> blocksWithAtLeast(T, std::array<qint64, 5>{0, 0, 0, 0, 0});
    std::vector<std::vector<int>> blockCaps(T);
    for (qsizetype r = 0; r < plan.rooms.size(); ++r) {
        const RoomSpec &room = plan.rooms[r];
        for (int br = 0; br < room.rows; br += 2)
            for (int bc = 0; bc < room.cols; bc += 2) {
                std::vector<int> n(T, 0);
                for (int dr = 0; dr < 2; ++dr)
                    for (int dc = 0; dc < 2; ++dc)
                        if (br + dr < room.rows && bc + dc < room.cols &&
                            !room.seat(br + dr, bc + dc).disabled)
                            ++n[size_t(m.seatType[size_t(r)][size_t((br + dr) * room.cols + bc + dc)])];
                for (size_t k = 0; k < T; ++k)
                    if (n[k] > 0) {
                        for (int l = 1; l <= n[k]; ++l)
                            ++blocksWithAtLeast[k][size_t(l)];
                        blockCaps[k].push_back(n[k]);
                    }
            }
    }
    // Members per (type, group); candidates without a group count as groups of one.
    std::vector<std::map<int, qint64>> members(T);
    std::vector<qint64> loose(T, 0), total(T, 0);
    for (size_t c = 0; c < m.candType.size(); ++c) {
        const size_t k = size_t(m.candType[c]);
        ++total[k];
        if (m.candGroup[c] == kNoGroup)
            ++loose[k];
        else
            ++members[k][m.candGroup[c]];
    }
    qint64 bound = 0;
    for (size_t k = 0; k < T; ++k) {
        // Uncoupled: a group of n spread over the blocks puts its l-th member of a block beside l-1
        // others; blocks fill level by level.
        qint64 uncoupled = 0;
        for (const auto &[g, n] : members[k]) {
            qint64 left = n;
            for (int l = 1; l <= 4 && left > 0; ++l) {
                const qint64 here = std::min(left, blocksWithAtLeast[k][size_t(l)]);
                uncoupled += here * (l - 1);
                left -= here;
            }
        }
        // Coupled: a block with o candidates from d distinct groups holds at least o - d pairs, and
        // d <= the number of groups present.
        const qint64 groups = qint64(members[k].size()) + loose[k];
        qint64 pairFree = 0;
        for (int cap : blockCaps[k])
            pairFree += std::min<qint64>(cap, groups);
        const qint64 coupled = std::max<qint64>(0, total[k] - pairFree);
        bound += std::max(uncoupled, coupled);
    }
    return int(std::min<qint64>(bound, INT_MAX));
}

QJsonObject allocationJson(const PlanInput &plan, const AllocationResult &result)
{
    QJsonArray assignments;
    for (const Assignment &a : result.assignments) {
        const RoomSpec &room = plan.rooms[a.room];
        assignments.append(
            QJsonObject{{QStringLiteral("candidate"), plan.candidates[a.candidate].id},
                        {QStringLiteral("room"), room.id},
                        {QStringLiteral("row"), a.row},
                        {QStringLiteral("col"), a.col},
                        {QStringLiteral("seat"), QString::number(seatNumber(room, a.row, a.col))}});
    }
    QJsonArray unassigned;
    for (const Unassigned &u : result.unassigned)
        unassigned.append(QJsonObject{{QStringLiteral("candidate"), plan.candidates[u.candidate].id},
                                      {QStringLiteral("reason"), u.reason}});
    return {{QStringLiteral("seed"), QString::fromLatin1(result.seed.toHex())},
            {QStringLiteral("assignments"), assignments},
            {QStringLiteral("unassigned"), unassigned},
            {QStringLiteral("violations"),
             QJsonObject{{QStringLiteral("adjacent_same_group"), result.adjacentSameGroup}}}};
}

} // namespace examsite::seating
