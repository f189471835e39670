<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Application</name>
    <message>
        <location filename="../../app/qt/application.py" line="57"/>
        <source>Something went wrong ({0}: {1}). The case is kept; please report this with what you did.</source>
        <translation>Un problème est survenu ({0} : {1}). Le dossier est conservé ; merci de le signaler en décrivant ce que vous faisiez.</translation>
    </message>
</context>
<context>
    <name>Batch</name>
    <message>
        <location filename="../../app/batch.py" line="34"/>
        <source>no file name in this row</source>
        <translation>pas de nom de fichier sur cette ligne</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="35"/>
        <source>no sex given for this image (F or M)</source>
        <translation>sexe non indiqué pour cette image (F ou M)</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="36"/>
        <source>this image has no row in the sexes CSV</source>
        <translation>cette image n’a pas de ligne dans le CSV des sexes</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="37"/>
        <source>sex “{0}” is not F, M, female or male</source>
        <translation>le sexe « {0} » n’est ni F, M, female ni male</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="38"/>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="39"/>
        <source>no comparison with the chronological age: {0}</source>
        <translation>pas de comparaison avec l’âge chronologique : {0}</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="40"/>
        <source>the exam date is before the date of birth</source>
        <translation>la date de l’examen précède la date de naissance</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="41"/>
        <source>the exam date is in the future</source>
        <translation>la date de l’examen est dans le futur</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="42"/>
        <source>unexpected error ({0}): {1}</source>
        <translation>erreur inattendue ({0}) : {1}</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="43"/>
        <source>{0} needs the columns file and sex</source>
        <translation>{0} doit avoir les colonnes file et sex</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="44"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="45"/>
        <source>DICOM StudyDate</source>
        <translation>StudyDate du DICOM</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="46"/>
        <source>today (none given)</source>
        <translation>aujourd’hui (non indiquée)</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="47"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="48"/>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="49"/>
        <source># {0} of {1} rows done: {2} answered; {3} with an error</source>
        <translation># {0} lignes traitées sur {1} : {2} avec une réponse ; {3} en erreur</translation>
    </message>
    <message>
        <location filename="../../app/batch.py" line="50"/>
        <source># cancelled after {0} of {1} rows: {2} answered; {3} with an error</source>
        <translation># annulé après {0} lignes sur {1} : {2} avec une réponse ; {3} en erreur</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../app/qt/batch_dialog.py" line="44"/>
        <source>Estimating bone ages...</source>
        <translation>Estimation des âges osseux...</translation>
    </message>
    <message>
        <location filename="../../app/qt/batch_dialog.py" line="44"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../app/qt/batch_dialog.py" line="46"/>
        <source>BoneAge: batch</source>
        <translation>BoneAge : lot</translation>
    </message>
</context>
<context>
    <name>Case</name>
    <message>
        <location filename="../../app/case.py" line="164"/>
        <source>The exam date is before the date of birth.</source>
        <translation>La date de l’examen précède la date de naissance.</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="216"/>
        <source>Open a radiograph and choose the sex.</source>
        <translation>Ouvrez une radiographie et choisissez le sexe.</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="218"/>
        <source>Open a radiograph.</source>
        <translation>Ouvrez une radiographie.</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="220"/>
        <source>Choose the sex.</source>
        <translation>Choisissez le sexe.</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="160"/>
        <source>The exam date is in the future.</source>
        <translation>La date de l’examen est dans le futur.</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="162"/>
        <source>The date of birth is in the future.</source>
        <translation>La date de naissance est dans le futur.</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <location filename="../../app/growth_chart.py" line="22"/>
        <source>±2 SD</source>
        <translation>±2 DS</translation>
    </message>
    <message>
        <location filename="../../app/growth_chart.py" line="23"/>
        <source>reference mean</source>
        <translation>moyenne de référence</translation>
    </message>
    <message>
        <location filename="../../app/growth_chart.py" line="24"/>
        <source>patient</source>
        <translation>patient</translation>
    </message>
    <message>
        <location filename="../../app/growth_chart.py" line="25"/>
        <source>patient, 90 % interval</source>
        <translation>patient, intervalle à 90 %</translation>
    </message>
    <message>
        <location filename="../../app/growth_chart.py" line="26"/>
        <source>Chronological age (years)</source>
        <translation>Âge chronologique (ans)</translation>
    </message>
    <message>
        <location filename="../../app/growth_chart.py" line="27"/>
        <source>Bone age (years)</source>
        <translation>Âge osseux (ans)</translation>
    </message>
    <message>
        <location filename="../../app/growth_chart.py" line="28"/>
        <source>Greulich &amp; Pyle / Brush reference, girls</source>
        <translation>Référence Greulich &amp; Pyle / Brush, filles</translation>
    </message>
    <message>
        <location filename="../../app/growth_chart.py" line="29"/>
        <source>Greulich &amp; Pyle / Brush reference, boys</source>
        <translation>Référence Greulich &amp; Pyle / Brush, garçons</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../app/qt/controller.py" line="103"/>
        <source>Loading the bone-age model...</source>
        <translation>Chargement du modèle d’âge osseux…</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="119"/>
        <source>No model: predictions are unavailable.</source>
        <translation>Aucun modèle : les estimations sont indisponibles.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="121"/>
        <source>BoneAge: model unavailable</source>
        <translation>BoneAge : modèle indisponible</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="131"/>
        <source>Model ready: {0}</source>
        <translation>Modèle prêt : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="168"/>
        <source>Radiographs ({0});;All files (*)</source>
        <translation>Radiographies ({0});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="169"/>
        <source>Open radiograph</source>
        <translation>Ouvrir une radiographie</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="176"/>
        <source>Drop one radiograph at a time.</source>
        <translation>Déposez une seule radiographie à la fois.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="235"/>
        <source>Computing the heatmap...</source>
        <translation>Calcul de la carte de chaleur…</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="243"/>
        <source>Heatmap: red areas moved the prediction most.</source>
        <translation>Carte de chaleur : les zones rouges ont le plus influencé l’estimation.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="262"/>
        <source>Export report</source>
        <translation>Exporter le compte rendu</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="273"/>
        <source>The report could not be written: {0}</source>
        <translation>Le compte rendu n’a pas pu être écrit : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="275"/>
        <source>Report written to {0}</source>
        <translation>Compte rendu écrit dans {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="291"/>
        <source>Folder of radiographs</source>
        <translation>Dossier de radiographies</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="295"/>
        <source>CSV with file,sex[,birth_date,exam_date]</source>
        <translation>CSV avec file,sex[,birth_date,exam_date]</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="300"/>
        <source>Save results</source>
        <translation>Enregistrer les résultats</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="308"/>
        <source>The batch cannot start: {0}</source>
        <translation>Le traitement par lot ne peut pas démarrer : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="345"/>
        <source>Result copied to the clipboard.</source>
        <translation>Résultat copié dans le presse-papiers.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="375"/>
        <source>Predictions are unavailable: the model could not be loaded.</source>
        <translation>Estimations indisponibles : le modèle n’a pas pu être chargé.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="377"/>
        <source>Predicting...</source>
        <translation>Estimation en cours…</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="379"/>
        <source>Ready: press Predict.</source>
        <translation>Prêt : appuyez sur Estimer.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="464"/>
        <source>{0} months</source>
        <translation>{0} mois</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="393"/>
        <source>Model: {0}</source>
        <translation>Modèle : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="478"/>
        <source>Bone age − chronological age: {0} months</source>
        <translation>Âge osseux − âge chronologique : {0} mois</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="482"/>
        <source>SDS {0}: {1} (Greulich &amp; Pyle)</source>
        <translation>DS {0} : {1} (Greulich &amp; Pyle)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="557"/>
        <source>Model: {0}&lt;br&gt;Validation MAE: {1} months (n={2}, RSNA 100 px validation split)</source>
        <translation>Modèle : {0}&lt;br&gt;Erreur absolue moyenne en validation : {1} mois (n={2}, partition de validation RSNA 100 px)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="563"/>
        <source>Model unavailable: {0}</source>
        <translation>Modèle indisponible : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="565"/>
        <source>About BoneAge</source>
        <translation>À propos de BoneAge</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="565"/>
        <source>Bone age from a left-hand radiograph.</source>
        <translation>Âge osseux à partir d’une radiographie de la main gauche.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="113"/>
        <source>The model opened last time cannot be loaded ({0}); the bundled model is in use.</source>
        <translation>Le modèle ouvert la dernière fois ne peut pas être chargé ({0}) ; le modèle fourni est utilisé.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="150"/>
        <source>BoneAge: model not opened</source>
        <translation>BoneAge : modèle non ouvert</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="138"/>
        <source>Open model (a folder holding bundle.json)</source>
        <translation>Ouvrir un modèle (un dossier contenant bundle.json)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="158"/>
        <source>Model in use: {0}</source>
        <translation>Modèle utilisé : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="550"/>
        <source>Model: {0}&lt;br&gt;Adapted to a local site from {1} ({2}, {3} images): cross-validated MAE {4} ± {5} months</source>
        <translation>Modèle : {0}&lt;br&gt;Adapté à un site local à partir de {1} ({2}, {3} images) : erreur absolue moyenne en validation croisée {4} ± {5} mois</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="34"/>
        <source>Trained on the RSNA Pediatric Bone Age Challenge 2017 data. Halabi SS, Prevedello LM, Kalpathy-Cramer J, et al. The RSNA Pediatric Bone Age Machine Learning Challenge. Radiology 2018; 290(2):498-503.</source>
        <translation>Entraîné sur les données du RSNA Pediatric Bone Age Challenge 2017. Halabi SS, Prevedello LM, Kalpathy-Cramer J, et al. The RSNA Pediatric Bone Age Machine Learning Challenge. Radiology 2018; 290(2):498-503.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="317"/>
        <source>Batch cancelled after {0} of {1} rows ({2} with an error); results in {3}</source>
        <translation>Lot annulé après {0} lignes sur {1} ({2} en erreur) ; résultats dans {3}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="317"/>
        <source>Batch finished: {0} of {1} rows ({2} with an error); results in {3}</source>
        <translation>Lot terminé : {0} lignes sur {1} ({2} en erreur) ; résultats dans {3}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="324"/>
        <source>(see the error column)</source>
        <translation>(voir la colonne error)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="329"/>
        <source>The batch stopped: {0}. The rows done so far are in {1}.</source>
        <translation>Le lot s’est arrêté : {0}. Les lignes déjà traitées sont dans {1}.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="332"/>
        <source>BoneAge: batch</source>
        <translation>BoneAge : lot</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="395"/>
        <source>90 % interval: {0}</source>
        <translation>Intervalle à 90 % : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="395"/>
        <source>90 % interval: not available for this model; the error on unseen films is about 15 months</source>
        <translation>Intervalle à 90 % : non disponible pour ce modèle ; l’erreur sur des clichés inconnus est d’environ 15 mois</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="400"/>
        <source>Stability check: small rotations give {0}–{1} months (this is not the precision; see the interval)</source>
        <translation>Contrôle de stabilité : de petites rotations donnent {0}–{1} mois (ce n’est pas la précision ; voir l’intervalle)</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="405"/>
        <source>this film does not look like the left-hand radiographs the model knows</source>
        <translation>ce cliché ne ressemble pas aux radiographies de main gauche que le modèle connaît</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="407"/>
        <source>Check image: {0}</source>
        <translation>Vérifiez l’image : {0}</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="453"/>
        <source>date of birth</source>
        <translation>date de naissance</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="453"/>
        <source>exam date</source>
        <translation>date de l’examen</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="457"/>
        <source>The {0} cannot be read: {1}.</source>
        <translation>La {0} ne peut pas être lue : {1}.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="462"/>
        <source>Enter the date of birth ({0}) to compare with the chronological age.</source>
        <translation>Saisissez la date de naissance ({0}) pour comparer avec l’âge chronologique.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="464"/>
        <source>Chronological age: {0} ({1})</source>
        <translation>Âge chronologique : {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="469"/>
        <source>This age is outside the reference: the Greulich &amp; Pyle table for {0} covers {1} to {2} years, so there is no SDS and no classification.</source>
        <translation>Cet âge est hors de la référence : la table de Greulich &amp; Pyle pour les {0} couvre {1} à {2} ans ; il n’y a donc ni DS ni classement.</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="471"/>
        <source>girls</source>
        <translation>filles</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="471"/>
        <source>boys</source>
        <translation>garçons</translation>
    </message>
    <message>
        <location filename="../../app/qt/controller.py" line="485"/>
        <source>Over the 90 % interval the SDS runs from {0} to {1}.</source>
        <translation>Sur l’intervalle à 90 %, la DS va de {0} à {1}.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../app/qt/date_field.py" line="47"/>
        <source>Choose on a calendar</source>
        <translation>Choisir sur un calendrier</translation>
    </message>
</context>
<context>
    <name>ImageCheck</name>
    <message>
        <location filename="../../model/image_check.py" line="42"/>
        <source>the estimate is unusually unstable under small rotations (positioning, exposure, or not a left hand?)</source>
        <translation>l’estimation est anormalement instable sous de petites rotations (positionnement, exposition, ou pas une main gauche ?)</translation>
    </message>
    <message>
        <location filename="../../model/image_check.py" line="37"/>
        <source>does not look like a hand radiograph</source>
        <translation>ne ressemble pas à une radiographie de main</translation>
    </message>
    <message>
        <location filename="../../model/image_check.py" line="38"/>
        <source>looks upside down</source>
        <translation>semble à l’envers</translation>
    </message>
    <message>
        <location filename="../../model/image_check.py" line="39"/>
        <source>looks inverted (negative)</source>
        <translation>semble inversée (en négatif)</translation>
    </message>
    <message>
        <location filename="../../model/image_check.py" line="40"/>
        <source>looks turned on its side</source>
        <translation>semble tournée sur le côté</translation>
    </message>
</context>
<context>
    <name>ImageReadError</name>
    <message>
        <location filename="../../model/dicom_io.py" line="70"/>
        <source>this is not a readable DICOM file ({detail})</source>
        <translation>ce n’est pas un fichier DICOM lisible ({detail})</translation>
    </message>
    <message>
        <location filename="../../model/dicom_io.py" line="74"/>
        <source>this DICOM is a {modality} study, not a radiograph</source>
        <translation>ce DICOM est un examen {modality}, pas une radiographie</translation>
    </message>
    <message>
        <location filename="../../model/dicom_io.py" line="78"/>
        <source>this DICOM file has no image (no pixel data)</source>
        <translation>ce fichier DICOM ne contient pas d’image (pas de données de pixels)</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="92"/>
        <source>the image has zero size ({width}x{height})</source>
        <translation>l’image a une taille nulle ({width}x{height})</translation>
    </message>
    <message>
        <location filename="../../model/dicom_io.py" line="82"/>
        <source>only single-frame grayscale DICOM radiographs are supported</source>
        <translation>seules les radiographies DICOM en niveaux de gris à une seule image sont prises en charge</translation>
    </message>
    <message>
        <location filename="../../model/dicom_io.py" line="87"/>
        <source>the DICOM pixel data cannot be decoded ({detail})</source>
        <translation>les données de pixels DICOM ne peuvent pas être décodées ({detail})</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="88"/>
        <source>the image header is damaged (no size found)</source>
        <translation>l’en-tête de l’image est endommagé (taille introuvable)</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="96"/>
        <source>the image is too large ({width}x{height}); the limit is {max_side} pixels a side and {max_mp} megapixels</source>
        <translation>l’image est trop grande ({width}x{height}) ; la limite est de {max_side} pixels par côté et {max_mp} mégapixels</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="136"/>
        <source>this is a folder, not an image file</source>
        <translation>c’est un dossier, pas un fichier image</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="141"/>
        <source>the file does not exist</source>
        <translation>le fichier n’existe pas</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="144"/>
        <source>the file cannot be opened ({detail})</source>
        <translation>le fichier ne peut pas être ouvert ({detail})</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="148"/>
        <source>the file is empty</source>
        <translation>le fichier est vide</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="155"/>
        <source>this is not a PNG, JPEG or DICOM image</source>
        <translation>ce n’est pas une image PNG, JPEG ou DICOM</translation>
    </message>
    <message>
        <location filename="../../model/image_io.py" line="160"/>
        <source>the {format} data is damaged or truncated</source>
        <translation>les données {format} sont endommagées ou tronquées</translation>
    </message>
    <message>
        <location filename="../../model/errors.py" line="22"/>
        <source>Cannot read &apos;{name}&apos;: </source>
        <translation>Impossible de lire « {name} » : </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/qt/main_window.py" line="34"/>
        <source>Research and education use only. Not a medical device.</source>
        <translation>Usage réservé à la recherche et à l’enseignement. Ce n’est pas un dispositif médical.</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="113"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="116"/>
        <source>&amp;Open radiograph...</source>
        <translation>&amp;Ouvrir une radiographie…</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="118"/>
        <source>&amp;Copy result</source>
        <translation>&amp;Copier le résultat</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="121"/>
        <source>Export &amp;report (PDF)...</source>
        <translation>Exporter le &amp;compte rendu (PDF)…</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="124"/>
        <source>&amp;Batch (folder + sexes CSV)...</source>
        <translation>Traitement par &amp;lot (dossier + CSV des sexes)…</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="127"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="139"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="140"/>
        <source>&amp;Fit to window</source>
        <translation>&amp;Ajuster à la fenêtre</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="142"/>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="144"/>
        <source>Zoom &amp;out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="148"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="155"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="156"/>
        <source>&amp;About BoneAge</source>
        <translation>À &amp;propos de BoneAge</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="160"/>
        <source>Open a radiograph (File &gt; Open, Ctrl+O) or drop it here.</source>
        <translation>Ouvrez une radiographie (Fichier &gt; Ouvrir, Ctrl+O) ou déposez-la ici.</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="163"/>
        <source>Show what the network sees</source>
        <translation>Montrer ce que voit le réseau</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="165"/>
        <source>Show what drove the prediction</source>
        <translation>Montrer ce qui a guidé l’estimation</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="177"/>
        <source>Female</source>
        <translation>Fille</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="178"/>
        <source>Male</source>
        <translation>Garçon</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="182"/>
        <source>Predict</source>
        <translation>Estimer</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="206"/>
        <source>optional</source>
        <translation>facultatif</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="215"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="217"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="218"/>
        <source>ID</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="219"/>
        <source>Born</source>
        <translation>Naissance</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="226"/>
        <source>Exam</source>
        <translation>Examen</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="231"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="125"/>
        <source>Open &amp;model...</source>
        <translation>Ouvrir un &amp;modèle...</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="126"/>
        <source>Use the b&amp;undled model</source>
        <translation>Utiliser le modèle &amp;fourni</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="114"/>
        <source>&amp;New patient</source>
        <translation>&amp;Nouveau patient</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="185"/>
        <source>Enter</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="210"/>
        <source>Type the date in full, or pick it on the calendar; leave empty when not known</source>
        <translation>Saisissez la date complète ou choisissez-la sur le calendrier ; laissez vide si elle est inconnue</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="214"/>
        <source>Empty: today</source>
        <translation>Vide : aujourd’hui</translation>
    </message>
</context>
<context>
    <name>Reference</name>
    <message>
        <location filename="../../app/reference.py" line="25"/>
        <source>delayed</source>
        <translation>retardé</translation>
    </message>
    <message>
        <location filename="../../app/reference.py" line="26"/>
        <source>normal</source>
        <translation>normal</translation>
    </message>
    <message>
        <location filename="../../app/reference.py" line="27"/>
        <source>advanced</source>
        <translation>avancé</translation>
    </message>
    <message>
        <location filename="../../app/reference.py" line="28"/>
        <source>outside the reference range</source>
        <translation>hors de l’intervalle de référence</translation>
    </message>
    <message>
        <location filename="../../app/reference.py" line="31"/>
        <source>cannot tell delayed from normal</source>
        <translation>impossible de trancher entre retardé et normal</translation>
    </message>
    <message>
        <location filename="../../app/reference.py" line="32"/>
        <source>cannot tell normal from advanced</source>
        <translation>impossible de trancher entre normal et avancé</translation>
    </message>
    <message>
        <location filename="../../app/reference.py" line="33"/>
        <source>cannot tell delayed, normal or advanced apart</source>
        <translation>impossible de trancher entre retardé, normal et avancé</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../app/report.py" line="26"/>
        <source>Research and education use only. Not a medical device.</source>
        <translation>Usage réservé à la recherche et à l’enseignement. Ce n’est pas un dispositif médical.</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="32"/>
        <source>months</source>
        <translation>mois</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="80"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="81"/>
        <source>Patient ID</source>
        <translation>Identifiant du patient</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="82"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="83"/>
        <source>Date of birth</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="83"/>
        <source>not given</source>
        <translation>non renseignée</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="86"/>
        <source>Exam date</source>
        <translation>Date de l’examen</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="89"/>
        <source>Radiograph</source>
        <translation>Radiographie</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="90"/>
        <source>Bone age</source>
        <translation>Âge osseux</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="114"/>
        <source>Chronological age</source>
        <translation>Âge chronologique</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="117"/>
        <source>Bone age − chronological age</source>
        <translation>Âge osseux − âge chronologique</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="132"/>
        <source>SDS (Greulich &amp; Pyle)</source>
        <translation>DS (Greulich &amp; Pyle)</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="27"/>
        <source>Bone age report</source>
        <translation>Compte rendu d’âge osseux</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="28"/>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="29"/>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="30"/>
        <source>Training data</source>
        <translation>Données d’entraînement</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="31"/>
        <source>Printed</source>
        <translation>Imprimé le</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="57"/>
        <source>no effect</source>
        <translation>aucun effet</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="57"/>
        <source>most effect</source>
        <translation>effet maximal</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="95"/>
        <source>90 % interval</source>
        <translation>Intervalle à 90 %</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="95"/>
        <source>not available for this model</source>
        <translation>non disponible pour ce modèle</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="99"/>
        <source>unusual film</source>
        <translation>cliché inhabituel</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="101"/>
        <source>CHECK IMAGE</source>
        <translation>VÉRIFIEZ L’IMAGE</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="104"/>
        <source>Check image</source>
        <translation>Vérification de l’image</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="104"/>
        <source>not flagged</source>
        <translation>aucune alerte</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="107"/>
        <source>Stability check (small rotations)</source>
        <translation>Contrôle de stabilité (petites rotations)</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="107"/>
        <source>{0}–{1} months; not the precision</source>
        <translation>{0}–{1} mois ; ce n’est pas la précision</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="122"/>
        <source>no SDS: the age is outside the reference ({0} to {1} years)</source>
        <translation>pas de DS : l’âge est hors de la référence ({0} à {1} ans)</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="129"/>
        <source>[{0} to {1} over the 90 % interval]</source>
        <translation>[{0} à {1} sur l’intervalle à 90 %]</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="138"/>
        <source>The radiograph as read</source>
        <translation>La radiographie telle que lue</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="141"/>
        <source>Occlusion sensitivity: where covering the film moved the estimate</source>
        <translation>Sensibilité à l’occultation : là où masquer le cliché a déplacé l’estimation</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="144"/>
        <source>The patient against the reference mean and ±2 SD band</source>
        <translation>Le patient face à la moyenne de référence et à la bande ±2 DS</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="33"/>
        <source>Interpretation (reader)</source>
        <translation>Interprétation (lecteur)</translation>
    </message>
    <message>
        <location filename="../../app/report.py" line="34"/>
        <source>Name, signature and date</source>
        <translation>Nom, signature et date</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../app/qt/main_window.py" line="60"/>
        <source>Bone age</source>
        <translation>Âge osseux</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="62"/>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <location filename="../../app/qt/main_window.py" line="90"/>
        <source>Copy result</source>
        <translation>Copier le résultat</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../../app/case.py" line="300"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="301"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="302"/>
        <source>Patient ID</source>
        <translation>Identifiant du patient</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="303"/>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="304"/>
        <source>Bone age</source>
        <translation>Âge osseux</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="305"/>
        <source>90 % interval</source>
        <translation>Intervalle à 90 %</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="306"/>
        <source>not available for this model</source>
        <translation>non disponible pour ce modèle</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="307"/>
        <source>CHECK IMAGE</source>
        <translation>VÉRIFIEZ L’IMAGE</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="308"/>
        <source>this film does not look like the left-hand radiographs the model knows</source>
        <translation>ce cliché ne ressemble pas aux radiographies de main gauche que le modèle connaît</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="310"/>
        <source>Stability check (small rotations)</source>
        <translation>Contrôle de stabilité (petites rotations)</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="311"/>
        <source>{0}–{1} months; not the precision</source>
        <translation>{0}–{1} mois ; ce n’est pas la précision</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="312"/>
        <source>Date of birth</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="313"/>
        <source>Exam date</source>
        <translation>Date de l’examen</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="315"/>
        <source>today, no exam date given</source>
        <translation>aujourd’hui, aucune date d’examen indiquée</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="316"/>
        <source>from the DICOM StudyDate</source>
        <translation>d’après la StudyDate du DICOM</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="317"/>
        <source>entered</source>
        <translation>saisie</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="319"/>
        <source>Chronological age</source>
        <translation>Âge chronologique</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="320"/>
        <source>bone age − chronological age {0} months</source>
        <translation>âge osseux − âge chronologique {0} mois</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="321"/>
        <source>SDS (Greulich &amp; Pyle)</source>
        <translation>DS (Greulich &amp; Pyle)</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="322"/>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location filename="../../app/case.py" line="323"/>
        <source>Research use only, not a medical device.</source>
        <translation>Usage de recherche uniquement, pas un dispositif médical.</translation>
    </message>
    <message>
        <location filename="../../app/wording.py" line="25"/>
        <source>{0} years</source>
        <translation>{0} ans</translation>
    </message>
    <message>
        <location filename="../../app/wording.py" line="26"/>
        <source>1 year</source>
        <translation>1 an</translation>
    </message>
    <message>
        <location filename="../../app/wording.py" line="27"/>
        <source>{0} months</source>
        <translation>{0} mois</translation>
    </message>
    <message>
        <location filename="../../app/wording.py" line="28"/>
        <source>1 month</source>
        <translation>1 mois</translation>
    </message>
    <message>
        <location filename="../../app/wording.py" line="29"/>
        <source>“{0}” is not a date written {1}</source>
        <translation>« {0} » n’est pas une date écrite {1}</translation>
    </message>
    <message>
        <location filename="../../app/wording.py" line="30"/>
        <source>{0}–{1} months ({2} to {3})</source>
        <translation>{0}–{1} mois ({2} à {3})</translation>
    </message>
    <message>
        <location filename="../../app/wording.py" line="32"/>
        <source>female</source>
        <translation>féminin</translation>
    </message>
    <message>
        <location filename="../../app/wording.py" line="33"/>
        <source>male</source>
        <translation>masculin</translation>
    </message>
    <message>
        <location filename="../../app/wording.py" line="34"/>
        <source>YYYY</source>
        <translation>AAAA</translation>
    </message>
    <message>
        <location filename="../../app/wording.py" line="34"/>
        <source>MM</source>
        <translation>MM</translation>
    </message>
    <message>
        <location filename="../../app/wording.py" line="34"/>
        <source>DD</source>
        <translation>JJ</translation>
    </message>
    <message>
        <location filename="../../app/wording.py" line="31"/>
        <source>{0}: {1}</source>
        <translation>{0} : {1}</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <location filename="../../app/qt/worker.py" line="35"/>
        <source>The computation failed ({0}: {1}); the case is kept, try again or open another film.</source>
        <translation>Le calcul a échoué ({0} : {1}) ; le dossier est conservé, réessayez ou ouvrez un autre cliché.</translation>
    </message>
</context>
</TS>
