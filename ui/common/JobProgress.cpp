// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobProgress.h"

#include "MessageLabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keepsake {

JobProgress::JobProgress(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("jobProgress"));
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("jobTitle"));
    m_bar = new QProgressBar;
    m_bar->setObjectName(QStringLiteral("jobBar"));
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_detail = new MessageLabel(2);   // room for a wrapped line: the bar above does not jump
    m_detail->setObjectName(QStringLiteral("jobDetail"));
    m_cancel = new QPushButton;
    m_cancel->setObjectName(QStringLiteral("jobCancel"));
    m_cancel->setEnabled(false);

    auto *row = new QHBoxLayout;
    row->addWidget(m_bar, 1);
    row->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(row);
    layout->addWidget(m_detail);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_detail->setText(tr("Stopping after the current file…"));
        Q_EMIT cancelRequested();
    });
    retranslate();
}

void JobProgress::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void JobProgress::retranslate()
{
    m_cancel->setText(tr("Cancel"));
}

void JobProgress::begin(const QString &title)
{
    m_busy = true;
    m_title->setText(title);
    m_bar->setValue(0);
    m_bar->setRange(0, 0);   // busy until the first count arrives
    m_detail->clear();
    m_cancel->setEnabled(true);
}

void JobProgress::setProgress(qint64 done, qint64 total, const QString &detail)
{
    if (total > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(qBound(qint64(0), done * 1000 / total, qint64(1000))));
    }
    if (!detail.isEmpty())
        m_detail->setText(detail);
}

void JobProgress::end(const QString &result)
{
    m_busy = false;
    m_bar->setRange(0, 1000);
    m_bar->setValue(1000);
    m_detail->setText(result);
    m_cancel->setEnabled(false);
}

int JobProgress::percent() const
{
    return m_bar->maximum() > 0 ? m_bar->value() * 100 / m_bar->maximum() : 0;
}

} // namespace Keepsake
