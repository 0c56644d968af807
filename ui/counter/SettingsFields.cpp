// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsFields.h"

#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>

namespace Keepsake {

namespace {

using Page = SettingField::Page;
using Choices = QList<std::pair<QString, QString>>;   // value, words

void textField(SettingField &field, const Settings::Entry &entry, const QString &placeholder = {})
{
    auto *edit = new QLineEdit(entry.isDefault ? QString() : entry.value);
    edit->setPlaceholderText(placeholder.isEmpty() && !entry.secret ? entry.value : placeholder);
    if (entry.secret)
        edit->setEchoMode(QLineEdit::Password);
    field.widget = edit;
    field.value = [edit, secret = entry.secret] { return secret ? edit->text() : edit->text().trimmed(); };
    field.setValue = [edit](const QString &value) { edit->setText(value); };
    field.emptyMeansDefault = true;
}

void numberField(SettingField &field, const Settings::Entry &entry, int low, int high, const QString &suffix,
                 const QString &zeroText = {})
{
    auto *spin = new QSpinBox;
    spin->setRange(low, high);
    spin->setSuffix(suffix);
    spin->setSpecialValueText(zeroText);   // shown for the minimum, when given
    spin->setValue(entry.value.toInt());
    field.widget = spin;
    field.value = [spin] { return QString::number(spin->value()); };
    field.setValue = [spin](const QString &value) { spin->setValue(value.toInt()); };
}

void choiceField(SettingField &field, const Settings::Entry &entry, const Choices &choices)
{
    auto *combo = new QComboBox;
    for (const auto &[value, words] : choices)
        combo->addItem(words, value);
    const auto select = [combo](const QString &value) {
        int index = combo->findData(value);
        if (index < 0) {   // a value this version does not know: shown as it is
            combo->addItem(value, value);
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
    };
    select(entry.value);
    field.widget = combo;
    field.value = [combo] { return combo->currentData().toString(); };
    field.setValue = select;
}

void labFields(SettingField &f, const Settings::Entry &e, const QStringList &ruleNames)
{
    using T = SettingFields;
    if (f.key == QLatin1String("lab.name")) {
        f.label = T::tr("Lab name");
        f.explanation = T::tr("On discs, receipts and index prints, and under every mail.");
        textField(f, e);
    } else if (f.key == QLatin1String("lab.address")) {
        f.label = T::tr("Lab address");
        f.explanation = T::tr("On receipts and under every mail.");
        textField(f, e);
    } else if (f.key == QLatin1String("notice.days_before")) {
        f.label = T::tr("Notice before expiry");
        f.explanation = T::tr("Customers, and the people they shared an album with, get a mail this many days "
                              "before the album expires.");
        numberField(f, e, 1, 365, T::tr(" days"));
    } else if (f.key == QLatin1String("grace.days")) {
        f.label = T::tr("Keep after recording");
        f.explanation = T::tr("After an album went onto a disc its photos stay here, hidden from customers, for "
                              "this many days in case the disc is lost or faulty; then they are deleted.");
        numberField(f, e, 0, 3650, T::tr(" days"), T::tr("delete at once"));
    } else {
        f.label = T::tr("Rule for new albums");
        f.explanation = T::tr("How long a new album is kept. Rules are added with keepsakectl rule add.");
        Choices choices;
        for (const QString &name : ruleNames)
            choices.append({ name, name });
        choiceField(f, e, choices);
    }
}

void mailFields(SettingField &f, const Settings::Entry &e)
{
    using T = SettingFields;
    f.page = Page::Mail;
    if (f.key == QLatin1String("smtp.host")) {
        f.label = T::tr("Mail server");
        f.explanation = T::tr("The server that sends the notices, for example mail.example.com. Left empty, no "
                              "mail goes out: notices wait in the queue.");
        textField(f, e, T::tr("none set"));
    } else if (f.key == QLatin1String("smtp.port")) {
        f.label = T::tr("Port");
        f.explanation = T::tr("Usually 587 (mail submission) or 25.");
        numberField(f, e, 1, 65535, QString());
    } else if (f.key == QLatin1String("smtp.starttls")) {
        f.label = T::tr("Encryption");
        f.explanation = T::tr("With a user name or password set, mails go out only encrypted unless \"never\" is "
                              "chosen (then the password too travels in clear).");
        choiceField(f, e, { { QStringLiteral("auto"), T::tr("Encrypt when the server offers it (STARTTLS)") },
                            { QStringLiteral("required"), T::tr("Always encrypt (STARTTLS required)") },
                            { QStringLiteral("off"), T::tr("Never encrypt") } });
    } else if (f.key == QLatin1String("smtp.user")) {
        f.label = T::tr("User name");
        textField(f, e, T::tr("none: the server takes mail without signing in"));
    } else if (f.key == QLatin1String("smtp.password")) {
        f.label = T::tr("Password");
        textField(f, e);
    } else {
        f.label = T::tr("Sender address");
        f.explanation = T::tr("The address the notices come from; customers' replies go there.");
        textField(f, e);
    }
}

void printFields(SettingField &f, const Settings::Entry &e)
{
    using T = SettingFields;
    f.page = Page::Printing;
    if (f.key == QLatin1String("print.index_paper")) {
        f.label = T::tr("Index print paper");
        choiceField(f, e, { { QStringLiteral("a4"), T::tr("A4") }, { QStringLiteral("letter"), T::tr("US Letter") },
                            { QStringLiteral("10x15"), T::tr("Photo paper 10 × 15 cm") },
                            { QStringLiteral("4x6"), T::tr("Photo paper 4 × 6 in") } });
    } else if (f.key == QLatin1String("print.index_columns")) {
        f.label = T::tr("Photos per row");
        f.explanation = T::tr("On an index print.");
        numberField(f, e, 0, 20, QString(), T::tr("as many as suit the paper"));
    } else {
        f.label = T::tr("Receipt paper");
        choiceField(f, e, { { QStringLiteral("80mm"), T::tr("80 mm receipt roll") },
                            { QStringLiteral("a4"), T::tr("A4") }, { QStringLiteral("letter"), T::tr("US Letter") } });
    }
}

} // namespace

SettingField SettingFields::make(const Settings::Entry &entry, const QStringList &ruleNames)
{
    SettingField field;
    field.key = entry.key;
    static const QStringList lab { QStringLiteral("lab.name"), QStringLiteral("lab.address"),
                                   QStringLiteral("notice.days_before"), QStringLiteral("grace.days"),
                                   QStringLiteral("retention.default") };
    static const QStringList mail { QStringLiteral("smtp.host"), QStringLiteral("smtp.port"),
                                    QStringLiteral("smtp.starttls"), QStringLiteral("smtp.user"),
                                    QStringLiteral("smtp.password"), QStringLiteral("smtp.from") };
    static const QStringList printing { QStringLiteral("print.index_paper"), QStringLiteral("print.index_columns"),
                                        QStringLiteral("print.receipt_paper") };
    if (lab.contains(entry.key)) {
        labFields(field, entry, ruleNames);
    } else if (mail.contains(entry.key)) {
        mailFields(field, entry);
    } else if (printing.contains(entry.key)) {
        printFields(field, entry);
    } else {   // a setting added after this dialog: its key and core's description
        field.label = entry.key;
        field.explanation = entry.description;
        textField(field, entry);
    }
    field.widget->setObjectName(QStringLiteral("setting_%1").arg(entry.key));
    field.widget->setToolTip(field.explanation);
    return field;
}

} // namespace Keepsake
