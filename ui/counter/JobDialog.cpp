// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobDialog.h"

#include "common/JobProgress.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Keepsake {

JobDialog::JobDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("jobDialog"));
    setWindowModality(Qt::WindowModal);
    setMinimumWidth(560);
    m_progress = new JobProgress;
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_close = buttons->button(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("jobClose"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, [this] {
        if (!m_progress->isBusy())
            accept();
    });
}

void JobDialog::begin(const QString &title)
{
    setWindowTitle(title);
    m_progress->begin(title);
    m_close->setEnabled(false);
    show();
}

void JobDialog::end(const QString &result)
{
    m_progress->end(result);
    m_close->setEnabled(true);
}

} // namespace Keepsake
