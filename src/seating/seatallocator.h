// The seat allocation engine: hard constraints (one candidate per seat, disabled seats unused, the
// seat's workstation type equals the candidate's, accessible seats for those who need one), then as
// few same-group candidates in 8-neighbouring seats as it can manage with rooms filled evenly.
// Deterministic for a seed; the algorithm is described in docs/seating.md.
#pragma once

#include "seating/seatplan.h"

#include <QJsonObject>
#include <vector>

namespace examsite::seating {

struct Assignment
{
    int candidate = -1; ///< index into PlanInput::candidates
    int room = -1;      ///< index into PlanInput::rooms
    int row = -1;
    int col = -1;
};

struct Unassigned
{
    int candidate = -1;
    QString reason;
};

struct AllocationResult
{
    QByteArray seed;
    std::vector<Assignment> assignments; ///< ordered by room id, then row, then column
    std::vector<Unassigned> unassigned;  ///< only with AllocationOptions::partial
    int adjacentSameGroup = 0;           ///< unordered pairs of 8-neighbouring seats, same room, same group
};

struct AllocationOptions
{
    /// Seat whom the seats allow and list the rest as unassigned, instead of refusing an
    /// infeasible plan.
    bool partial = false;
};

/// Why the plan cannot be seated: one line per violated hard constraint naming it and the
/// shortfall (e.g. "workstation 'robot': 12 candidates but 10 usable seats (short by 2)"). Empty when
/// every candidate can be seated.
QStringList feasibilityProblems(const PlanInput &plan);

/// Allocates. Throws Error(Input) with feasibilityProblems() when the plan is infeasible and
/// `options.partial` is false. The result depends only on the plan's content (not the order of rooms
/// or candidates in it) and the seed.
AllocationResult allocateSeats(const PlanInput &plan, const QByteArray &seed,
                               const AllocationOptions &options = {});

/// Every hard-constraint violation in an arbitrary plan (empty = all kept). For verification and tests.
QStringList checkAssignments(const PlanInput &plan, const std::vector<Assignment> &assignments);

/// Unordered pairs of 8-neighbouring seats in one room held by candidates of the same non-empty group.
int countAdjacentSameGroup(const PlanInput &plan, const std::vector<Assignment> &assignments);

/// A number of same-group adjacent pairs no allocation that keeps the hard constraints can go below
/// (docs/seating.md, "Lower bound"): each room is cut into 2x2 blocks whose seats are all mutual
/// neighbours; a group with more members than there are blocks must double up, and a block holding
/// more candidates than there are groups must hold a pair.
int adjacencyLowerBound(const PlanInput &plan);

/// The CLI's JSON output: {"seed", "assignments": [{"candidate", "room", "row", "col", "seat"}],
/// "unassigned": [{"candidate", "reason"}], "violations": {"adjacent_same_group"}}.
QJsonObject allocationJson(const PlanInput &plan, const AllocationResult &result);

} // namespace examsite::seating
