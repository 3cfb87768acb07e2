// Scoring on the Operations page: the session's scoring sheet (tasks, maxima, pass mark, double
// scoring), an evaluator's points for a candidate's task, the discrepancies between two evaluators and
// their resolution, and the evaluator's signature that locks their scores. The rules are Scoring's.
#pragma once

#include "operations/scoring.h"
#include "ui/sessionscopedviewmodel.h"

#include <QStringList>
#include <QVariantList>

namespace examsite {

class ScoringViewModel : public examsite::SessionScopedViewModel // qualified for qmltyperegistrar
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QStringList tasks READ tasks NOTIFY changed)
    Q_PROPERTY(QString sheetSummary READ sheetSummary NOTIFY changed)
    Q_PROPERTY(QVariantList discrepancies READ discrepancies NOTIFY changed)
    /// How far the scoring is (Scoring::progress), in the language of the moment: "Scored: 3 of 6
    /// candidates (…)" with each task's count when there are several; "" without a sheet.
    Q_PROPERTY(QString progressText READ progressText NOTIFY progressChanged)
    /// The same as figures: {candidates, voided, complete, tasks: [{task, scored}]}, candidates not
    /// voided being the ones to score.
    Q_PROPERTY(QVariantMap progress READ progress NOTIFY progressChanged)
    /// Every checked-in candidate has a final score for every task or a voided result (and there is one).
    Q_PROPERTY(bool progressComplete READ progressComplete NOTIFY progressChanged)

public:
    using SessionScopedViewModel::SessionScopedViewModel;

    /// The sheet's task names, in order.
    QStringList tasks() const { return m_tasks; }
    /// "practical 100, theory 50; pass mark 90" or "" without a sheet, in the language of the moment
    /// (built when read: a summary kept from the last reload stayed in English in the Chinese console).
    QString sheetSummary() const;
    /// Open double-scoring discrepancies: {ticket, task, entries: "wang 80, li 60"}.
    QVariantList discrepancies() const { return m_discrepancies; }
    QString progressText() const;
    QVariantMap progress() const;
    bool progressComplete() const
    {
        return m_progress.taskCount > 0 && m_progress.candidates > 0 && m_progress.unscored() == 0;
    }

    void reload() override;
    /// Re-reads the progress (scores entered at another terminal) and whether the record is frozen,
    /// leaving the lists and what is typed into them as they are.
    Q_INVOKABLE void reloadProgress();
    /// An evaluator's points for a candidate's task.
    Q_INVOKABLE bool enterScore(const QString &ticket, const QString &task, const QString &points);
    /// The site admin defines the scoring sheet: tasks as "name:max, name:max", the pass mark, and
    /// whether two evaluators score every task.
    Q_INVOKABLE bool defineSheet(const QString &tasks, const QString &passMark, bool doubleScoring);
    /// The site admin settles a discrepancy with the final points and a reason.
    Q_INVOKABLE bool resolveDiscrepancy(const QString &ticket, const QString &task, const QString &points,
                                        const QString &reason);
    /// An evaluator signs their sheet with their key file (evaluator.key) and its passphrase.
    Q_INVOKABLE bool signSheet(const QString &keyFile, const QString &passphrase);

Q_SIGNALS:
    void progressChanged();

private:
    ops::ScoringProgress m_progress;
    QStringList m_tasks;
    ops::ScoringSheet m_sheet;
    QVariantList m_discrepancies;
};

} // namespace examsite
